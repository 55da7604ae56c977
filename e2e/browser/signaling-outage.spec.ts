/**
 * Calls outlive the signaling server. Restarted mid-call with a state
 * hand-off, it takes nobody's call down: media keeps flowing peer to peer,
 * chat and a device switch work while it is away, a renegotiation started
 * meanwhile is queued and completes on its return, everyone resumes the same
 * identity, and the room still takes newcomers. A peer whose socket goes
 * silent is noticed by the heartbeat and leaves everyone's screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import { expectReceiving, meetInRoom, peerIdOf, received } from '../support/parley';
import { test, expect, withFakeDevices, type Person, type StartServer } from '../support/fixtures';
import { LoopbackProxy } from '../support/proxy';

// Three fake cameras, so a device switch has somewhere to go.
test.use({ chromiumArgs: withFakeDevices(3) });

let server: SignalingServer | undefined;
let stateDir: string;
// The test's fixtures, bound in beforeEach for the helpers below; they close every server and person.
let startServer: StartServer;
let person: Person;

test.beforeEach(({ startServer: start, person: open }) => {
  startServer = start;
  person = open;
  stateDir = mkdtempSync(join(tmpdir(), 'parley-outage-'));
});

test.afterEach(() => {
  server = undefined;
  rmSync(stateDir, { recursive: true, force: true });
});

/** The first person makes a room, the others open its link and join; everyone receives everyone. */
async function meet(
  live: SignalingServer,
  names: string[],
  origin: (name: string) => string | undefined = () => undefined,
) {
  const [host, ...guests] = names as [string, ...string[]];
  const people = new Map([[host, await person(host, { server: live })]]);
  const room = new URL(await meetInRoom(people.get(host)!, [])).searchParams.get('room')!;
  for (const name of guests) people.set(name, await joinRoom(live, room, name, origin(name)));
  for (const [viewer, page] of people) {
    for (const name of names) if (name !== viewer) await expectReceiving(page, name);
  }
  return { room, people };
}

/** Opens the room's link as `name` (from another origin, such as a proxy's, if given) and joins. */
async function joinRoom(live: SignalingServer, room: string, name: string, origin?: string): Promise<Page> {
  const page = await person(name, { server: live, query: `room=${room}`, origin });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  return page;
}

type Frames = Map<string, number>;

/** Camera frames each person has decoded from each other person, keyed "viewer←sender". */
async function framesMatrix(people: Map<string, Page>): Promise<Frames> {
  const frames: Frames = new Map();
  for (const [viewer, page] of people) {
    for (const sender of people.keys()) {
      if (sender === viewer) continue;
      frames.set(`${viewer}←${sender}`, (await received(page, await peerIdOf(page, sender))).cameraFrames);
    }
  }
  return frames;
}

/** Waits until every viewer has decoded more frames from every sender than in `before`. */
async function expectAllRising(people: Map<string, Page>, before: Frames): Promise<Frames> {
  for (const [key, count] of before) {
    const [viewer, sender] = key.split('←') as [string, string];
    const page = people.get(viewer)!;
    const peerId = await peerIdOf(page, sender);
    await expect
      .poll(async () => (await received(page, peerId)).cameraFrames, { message: `${key} frames` })
      .toBeGreaterThan(count);
  }
  return framesMatrix(people);
}

/** Each person's view of the others' peer ids. */
async function peerIdsSeen(people: Map<string, Page>): Promise<Record<string, Record<string, string>>> {
  const seen: Record<string, Record<string, string>> = {};
  for (const [viewer, page] of people) {
    seen[viewer] = {};
    for (const name of people.keys()) if (name !== viewer) seen[viewer][name] = await peerIdOf(page, name);
  }
  return seen;
}

const serverTrouble = (page: Page) => page.getByText(/Cannot reach the server|Connecting to the server/);

test('a server restart mid-call (3 people): media, chat, a device switch carry on; a queued share arrives; all resume', async () => {
  // Four people, two server lives and every check in between: a long story on two shared cores.
  test.setTimeout(180_000);
  const stateFile = join(stateDir, 'state.json');
  const first = await startServer({ stateFile });
  server = first;
  const { room, people } = await meet(first, ['Alice', 'Bob', 'Carol']);
  const [alice, bob, carol] = ['Alice', 'Bob', 'Carol'].map((name) => people.get(name)!) as [
    Page,
    Page,
    Page,
  ];
  const idsBefore = await peerIdsSeen(people);
  let frames = await framesMatrix(people);

  await first.close({ restarting: true });
  server = undefined;
  for (const page of people.values()) await expect(serverTrouble(page).first()).toBeVisible();
  frames = await expectAllRising(people, frames);

  // Chat rides the data channels: no server needed.
  await alice.getByRole('button', { name: 'Chat' }).click();
  await alice.getByRole('textbox', { name: 'Message' }).fill('Still here while the server is away?');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  for (const page of [bob, carol]) {
    await page.getByRole('button', { name: /^Chat/ }).click();
    await expect(page.getByRole('log', { name: 'Chat' })).toContainText(
      'Still here while the server is away?',
    );
  }

  // A camera switch is a replaceTrack on every link: no renegotiation, no server. (Chromium's
  // fake_device_1 simulates a depth camera whose Y16 frames never reach an encoder: use fake_device_2.)
  expect(await bob.evaluate(() => window.__parleyTest!.localTrackLabels().video)).toBe('fake_device_0');
  await bob.getByRole('button', { name: 'Devices' }).click();
  await bob.getByRole('combobox', { name: 'Camera' }).selectOption({ label: 'fake_device_2' });
  await expect
    .poll(() => bob.evaluate(() => window.__parleyTest!.localTrackLabels().video))
    .toBe('fake_device_2');
  frames = await expectAllRising(people, frames);

  // Starting a screen share renegotiates: its offer waits in Carol's queue until the server is back.
  await carol.getByRole('button', { name: 'Share screen' }).click();
  await expect(carol.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  for (const page of people.values()) await expect(serverTrouble(page).first()).toBeVisible();

  const back = Date.now();
  server = await startServer({ port: first.port, stateFile });
  for (const page of people.values()) await expect(serverTrouble(page)).toHaveCount(0);
  console.log(`[signaling-outage] all 3 clients back ${Date.now() - back} ms after the server returned`);

  // Resumed, not rejoined: the same ids, nobody left, media never torn down.
  expect(await peerIdsSeen(people)).toEqual(idsBefore);
  await expectAllRising(people, frames);
  for (const page of [alice, bob]) {
    await expect(page.getByRole('group', { name: "Carol's screen" })).toBeVisible();
    const carolId = await peerIdOf(page, 'Carol');
    await expect.poll(async () => (await received(page, carolId)).otherVideoFrames).toBeGreaterThan(0);
  }

  const dave = await joinRoom(server, room, 'Dave');
  people.set('Dave', dave);
  for (const name of ['Alice', 'Bob', 'Carol']) {
    await expectReceiving(dave, name);
    await expectReceiving(people.get(name)!, 'Dave');
    expect(await peerIdOf(dave, name)).toBe(idsBefore[name === 'Alice' ? 'Bob' : 'Alice']![name]);
  }
});

test('a peer whose socket goes silent is noticed by the heartbeat; the others see them leave', async () => {
  server = await startServer({ heartbeatMs: 1_000 });
  const proxy = await LoopbackProxy.start(server.port);
  try {
    // Only Carol goes through the proxy: her page comes from it, so her socket does too.
    const viaProxy = (name: string) => (name === 'Carol' ? `http://127.0.0.1:${proxy.port}` : undefined);
    const { people } = await meet(server, ['Alice', 'Bob', 'Carol'], viaProxy);
    proxy.goSilent();
    for (const name of ['Alice', 'Bob']) {
      const page = people.get(name)!;
      await expect(page.getByRole('group', { name: 'Carol', exact: true })).toHaveCount(0);
      await expect(
        page.getByRole('group', { name: name === 'Alice' ? 'Bob' : 'Alice', exact: true }),
      ).toBeVisible();
    }
    await expectReceiving(people.get('Alice')!, 'Bob');
    await expectReceiving(people.get('Bob')!, 'Alice');
  } finally {
    await proxy.close();
  }
});

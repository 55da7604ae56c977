/**
 * ICE restart: in a relay-only call the TURN server is the only path, so
 * stopping coturn cuts the media. The tiles say "Reconnecting…"; when coturn
 * returns on the same port the links restart ICE by themselves and media
 * flows again, with nobody leaving. If it never returns, the tiles say so,
 * and a banner and a sound tell each side whom they lost.
 */
import type { Page } from 'playwright-core';
import { Coturn } from '../support/coturn';
import { chooseRelayOnly } from '../support/relay-only';
import { expectReceiving, meetInRoom, peerIdOf, received } from '../support/parley';
import { requireCoturn, test, expect, type Person } from '../support/fixtures';

let coturn: Coturn;
// The test's `person` fixture, bound in beforeEach so relayOnlyCall() can open people.
let person: Person;

test.beforeAll(async () => {
  requireCoturn();
  coturn = await Coturn.start();
});

test.afterAll(async () => {
  await coturn?.dispose();
});

test.beforeEach(async ({ person: open, startServer }) => {
  await coturn.start(); // a no-op unless the last test left it stopped
  const server = await startServer({ ice: { turnUrls: [coturn.url], turnSecret: coturn.secret } });
  person = (name, options) => open(name, { server, ...options });
});

/** Alice and Bob in a call where TURN is the only way through; media flowing both ways. */
async function relayOnlyCall(): Promise<Array<{ page: Page; other: string }>> {
  const pages = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  for (const page of pages) await chooseRelayOnly(page);
  const [alice, bob] = pages as [Page, Page];
  await meetInRoom(alice, [bob]);
  const sides = [
    { page: alice, other: 'Bob' },
    { page: bob, other: 'Alice' },
  ];
  for (const { page, other } of sides) await expectReceiving(page, other);
  return sides;
}

const tileStatus = (page: Page, name: string) =>
  page.getByRole('group', { name, exact: true }).getByRole('status');

/** Frames decoded from `name` over one second: 0 once the media has stopped. */
async function framesPerSecond(page: Page, name: string): Promise<number> {
  const peerId = await peerIdOf(page, name);
  const before = (await received(page, peerId)).cameraFrames;
  await page.waitForTimeout(1_000);
  return (await received(page, peerId)).cameraFrames - before;
}

test('coturn stops mid-call and returns: the call recovers by itself, nobody leaves', async () => {
  const sides = await relayOnlyCall();

  await coturn.stop();
  for (const { page, other } of sides) {
    await expect(tileStatus(page, other)).toHaveText('Reconnecting…');
    await expect.poll(() => framesPerSecond(page, other)).toBe(0);
  }

  const returned = Date.now();
  await coturn.start();
  // Recovery waits for the next restart attempt, at most 500 ms away.
  for (const { page, other } of sides)
    await expect(tileStatus(page, other)).toHaveCount(0, { timeout: 30_000 });
  for (const { page, other } of sides) await expectReceiving(page, other);
  console.log(
    `[ice-restart] media flowing both ways again ${Date.now() - returned} ms after coturn returned`,
  );

  for (const { page, other } of sides) {
    await expect(page.getByRole('button', { name: 'Leave call' })).toBeVisible();
    const peerId = await peerIdOf(page, other);
    expect(await page.evaluate((id) => window.__parleyTest!.candidateType(id), peerId)).toBe('relay');
  }
});

/** Counts the oscillators the page starts from now on: the drop tone is made of them. */
async function countTones(page: Page): Promise<void> {
  await page.evaluate(() => {
    const start = OscillatorNode.prototype.start;
    const tones = window as unknown as { tones: number };
    tones.tones = 0;
    OscillatorNode.prototype.start = function (...args) {
      tones.tones += 1;
      start.apply(this, args);
    };
  });
}

test('coturn never returns: after bounded retries the tile says the connection is lost, then the person is dropped', async () => {
  const sides = await relayOnlyCall();
  for (const { page } of sides) await countTones(page);
  await coturn.stop();
  for (const { page, other } of sides) await expect(tileStatus(page, other)).toHaveText('Reconnecting…');
  // Restarts for 20 s (every 500 ms, then every 2 s) before the link gives up; both sides
  // give up at about the same time, and each tile says so only briefly, so watch both at once.
  await Promise.all(
    sides.map(({ page, other }) =>
      expect(tileStatus(page, other)).toHaveText('Connection lost', { timeout: 60_000 }),
    ),
  );
  for (const { page, other } of sides) {
    await expect(page.getByRole('group', { name: other, exact: true })).toHaveCount(0);
    await expect(page.getByRole('alert')).toContainText(`Lost the connection to ${other}`);
    expect(await page.evaluate(() => (window as unknown as { tones: number }).tones), 'the drop tone').toBe(
      2,
    );
    await expect(
      page.getByRole('button', { name: 'Leave call' }),
      'the room call itself goes on',
    ).toBeVisible();
  }
});

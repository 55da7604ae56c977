/**
 * ICE restart: in a relay-only call the TURN server is the only path, so
 * stopping coturn cuts the media. The tiles say "Reconnecting…"; when coturn
 * returns on the same port the links restart ICE by themselves and media
 * flows again, with nobody leaving. If it never returns, the tiles say so.
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
  // Recovery waits for the next restart attempt, at most 2 s away.
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

test('coturn never returns: after bounded retries the tile says the connection is lost, then the person is dropped', async () => {
  const sides = await relayOnlyCall();
  await coturn.stop();
  for (const { page, other } of sides) await expect(tileStatus(page, other)).toHaveText('Reconnecting…');
  // Eight restarts (after a 2 s grace, 1 s then 2 s apart) before the link gives up; both sides
  // give up at about the same time, and each tile says so only briefly, so watch both at once.
  await Promise.all(
    sides.map(({ page, other }) =>
      expect(tileStatus(page, other)).toHaveText('Connection lost', { timeout: 60_000 }),
    ),
  );
  for (const { page, other } of sides) {
    await expect(page.getByRole('group', { name: other, exact: true })).toHaveCount(0);
    await expect(page.getByRole('alert')).toContainText(`Lost the connection to ${other}`);
    await expect(
      page.getByRole('button', { name: 'Leave call' }),
      'the room call itself goes on',
    ).toBeVisible();
  }
});

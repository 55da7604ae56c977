/**
 * ICE restart: in a relay-only call the TURN server is the only path, so
 * stopping coturn cuts the media. The tiles say "Reconnecting…"; when coturn
 * returns on the same port the links restart ICE by themselves and media
 * flows again, with nobody leaving. If it never returns, the tiles say so.
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import { Coturn, coturnUnavailable } from '../support/coturn';
import { chooseRelayOnly } from '../support/relay-only';
import {
  closeAll,
  expectReceiving,
  launchChromium,
  meetInRoom,
  openPerson,
  peerIdOf,
  received,
  startServer,
} from '../support/parley';

let coturn: Coturn;
let browser: Browser;
let server: SignalingServer;
let pages: Page[] = [];

test.beforeAll(async () => {
  const unavailable = coturnUnavailable();
  test.skip(unavailable !== undefined, unavailable);
  coturn = await Coturn.start();
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
  await coturn?.dispose();
});

test.beforeEach(async () => {
  await coturn.start(); // a no-op unless the last test left it stopped
  server = await startServer({ ice: { turnUrls: [coturn.url], turnSecret: coturn.secret } });
});

test.afterEach(async () => {
  await closeAll(pages);
  pages = [];
  await server?.close();
});

/** Alice and Bob in a call where TURN is the only way through; media flowing both ways. */
async function relayOnlyCall(): Promise<Array<{ page: Page; other: string }>> {
  pages = await Promise.all(['Alice', 'Bob'].map((name) => openPerson(browser, server, name)));
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
  // Recovery waits for the next restart attempt, whose backoff can reach 8 s.
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

test('coturn never returns: after its bounded retries each tile says the connection is lost', async () => {
  const sides = await relayOnlyCall();
  await coturn.stop();
  for (const { page, other } of sides) await expect(tileStatus(page, other)).toHaveText('Reconnecting…');
  // Five restarts with backoff (3 s grace, then 2, 4, 8, 8 s) before the link gives up.
  for (const { page, other } of sides) {
    await expect(tileStatus(page, other)).toHaveText('Connection lost', { timeout: 60_000 });
  }
});

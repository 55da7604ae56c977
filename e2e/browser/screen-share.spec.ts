/**
 * Screen share as a second video track: the other side sees it large beside
 * the sharer's camera, and it stops cleanly — from Parley's button and from
 * the browser's own "Stop sharing" control.
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import {
  closeAll,
  launchChromium,
  meetInRoom,
  openPerson,
  peerIdOf,
  received,
  startServer,
} from '../support/parley';

let browser: Browser;
let server: SignalingServer;
let alice: Page;
let bob: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => openPerson(browser, server, name)));
  await meetInRoom(alice, [bob]);
});

test.afterAll(async () => {
  await closeAll([alice, bob].filter(Boolean));
  await browser?.close();
  await server?.close();
});

async function expectScreenFramesRising(page: Page, peerId: string): Promise<void> {
  const before = (await received(page, peerId)).otherVideoFrames;
  await expect.poll(async () => (await received(page, peerId)).otherVideoFrames).toBeGreaterThan(before);
}

test('a shared screen is seen large, with the camera beside it, and stopped', async () => {
  const aliceId = await peerIdOf(bob, 'Alice');
  await alice.getByRole('button', { name: 'Share screen' }).click();
  await expect(alice.getByRole('button', { name: 'Stop sharing' })).toBeVisible();

  const screen = bob.getByRole('group', { name: "Alice's screen" });
  await expect(screen).toBeVisible();
  await expect(bob.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();
  await expectScreenFramesRising(bob, aliceId);
  await expect.poll(async () => (await received(bob, aliceId)).cameraFrames).toBeGreaterThan(0);

  await alice.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(screen).toHaveCount(0);
  await expect(alice.getByRole('button', { name: 'Share screen' })).toBeVisible();
  expect(await alice.evaluate(() => window.__parleyTest!.liveTrackCount())).toBe(2);
});

test("the browser's own stop control ends the share for everyone", async () => {
  await alice.getByRole('button', { name: 'Share screen' }).click();
  const screen = bob.getByRole('group', { name: "Alice's screen" });
  await expect(screen).toBeVisible();
  await alice.evaluate(() => window.__parleyTest!.endScreenShareFromBrowser());
  await expect(alice.getByRole('button', { name: 'Share screen' })).toBeVisible();
  await expect(screen).toHaveCount(0);
});

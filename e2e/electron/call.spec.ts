/**
 * A call between the desktop app and a guest in a plain browser, through the
 * app's embedded server: frames flow both ways, and the app's screen share
 * goes through Parley's own picker (main's setDisplayMediaRequestHandler).
 */
import { expect, test } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import {
  closeAll,
  expectReceiving,
  launchChromium,
  meetInRoom,
  peerIdOf,
  received,
  setName,
} from '../support/parley';
import { serverInfo, useParleyDesktop } from './support';

const desktop = useParleyDesktop();
let browser: Browser;
let guest: Page;

test.beforeAll(async () => {
  browser = await launchChromium();
  guest = await (await browser.newContext()).newPage();
  guest.on('pageerror', (error) => console.error('[guest] page error:', error));
});

test.afterAll(async () => {
  if (guest) await closeAll([guest]);
  await browser?.close();
});

test('a call between the app and a browser guest carries frames both ways', async () => {
  const info = await serverInfo(desktop);
  if (info.state !== 'ready') throw new Error('embedded server not ready');
  // The guest first opens the app's server (its web client), then meets the app in a room.
  await guest.goto(`${info.inviteOrigin}/?test=1`);
  await setName(guest, 'Grace');
  await setName(desktop.window, 'Ada');
  const link = await meetInRoom(desktop.window, [guest]);
  expect(link.startsWith(`${info.inviteOrigin}/?room=`)).toBe(true);

  await expectReceiving(guest, 'Ada');
  await expectReceiving(desktop.window, 'Grace');
});

test('Copy invite link puts the link on the clipboard (the app page may write it)', async () => {
  await desktop.window.getByRole('button', { name: 'Copy invite link' }).click();
  await expect(desktop.window.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await desktop.app.evaluate(({ clipboard }) => clipboard.readText());
  const info = await serverInfo(desktop);
  expect(copied.startsWith(`${(info as { inviteOrigin: string }).inviteOrigin}/?room=`)).toBe(true);
});

test('the screen picker answers getDisplayMedia with the chosen source', async () => {
  const app = desktop.window;
  await app.getByRole('button', { name: 'Share screen' }).click();
  const picker = app.getByRole('dialog', { name: 'Share your screen' });
  await expect(picker).toBeVisible();
  const screens = picker.getByRole('group', { name: 'Screens' }).getByRole('radio');
  await expect(screens.first()).toBeChecked();
  await picker.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(picker).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Stop sharing' })).toBeVisible();

  // The guest decodes a second video stream: the screen.
  const adaId = await peerIdOf(guest, 'Ada');
  await expect.poll(async () => (await received(guest, adaId)).otherVideoFrames).toBeGreaterThan(0);
  await app.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(app.getByRole('button', { name: 'Share screen' })).toBeVisible();
});

test('cancelling the picker shares nothing', async () => {
  const app = desktop.window;
  await app.getByRole('button', { name: 'Share screen' }).click();
  const picker = app.getByRole('dialog', { name: 'Share your screen' });
  await picker.getByRole('button', { name: 'Cancel' }).click();
  await expect(picker).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Share screen' })).toBeVisible();
  expect(await app.evaluate(() => window.__parleyTest!.liveTrackCount())).toBe(2);
});

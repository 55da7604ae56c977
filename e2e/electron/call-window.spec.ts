/**
 * The desktop app's always-on-top call window: sharing the screen opens it
 * (a window main allows by name, places on a display and keeps on top, as
 * locked down as the main window); it runs the call; closing it remembers
 * where it was, and the next one opens there.
 */
import { expect, test } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import { closeAll, launchChromium, meetInRoom, setName } from '../support/parley';
import { savedSettings, serverInfo, useParleyDesktop } from './support';

const desktop = useParleyDesktop();
let browser: Browser;
let guest: Page;

test.beforeAll(async () => {
  browser = await launchChromium();
  guest = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  if (guest) await closeAll([guest]);
  await browser?.close();
});

/** Shares the first screen through Parley's picker; resolves with the call window that opens. */
async function shareScreen(): Promise<Page> {
  const app = desktop.window;
  const opened = desktop.app.waitForEvent('window');
  await app.getByRole('button', { name: 'Share screen' }).click();
  const picker = app.getByRole('dialog', { name: 'Share your screen' });
  await picker.getByRole('button', { name: 'Share', exact: true }).click();
  return opened;
}

/** The call window as main sees it (the one always-on-top window): its bounds, and whether a display holds it. */
function callWindowState() {
  return desktop.app.evaluate(({ BrowserWindow, screen }) => {
    const window = BrowserWindow.getAllWindows().find((candidate) => candidate.isAlwaysOnTop());
    if (!window) return null;
    const bounds = window.getBounds();
    const onDisplay = screen
      .getAllDisplays()
      .some(
        ({ workArea }) =>
          bounds.x >= workArea.x &&
          bounds.y >= workArea.y &&
          bounds.x + bounds.width <= workArea.x + workArea.width &&
          bounds.y + bounds.height <= workArea.y + workArea.height,
      );
    return { bounds, onDisplay };
  });
}

test('sharing opens an always-on-top call window on a display; its buttons run the call', async () => {
  const info = await serverInfo(desktop);
  if (info.state !== 'ready') throw new Error('embedded server not ready');
  await guest.goto(`${info.inviteOrigin}/?test=1`);
  await setName(guest, 'Grace');
  await setName(desktop.window, 'Ada');
  await meetInRoom(desktop.window, [guest]);

  const mini = await shareScreen();
  await expect(mini.getByRole('main', { name: 'Call window' })).toBeVisible();
  const state = await callWindowState();
  expect(state).toMatchObject({ onDisplay: true });
  // As locked down as the main window: no Node in it.
  expect(await mini.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

  await mini.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(desktop.window.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
  // The call window's own frame gets no bridge to main.
  expect(await mini.evaluate(() => 'parley' in window)).toBe(false);
});

test('closing it remembers its place, and the next one opens there', async () => {
  await desktop.app.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()
      .find((window) => window.isAlwaysOnTop())!
      .setPosition(40, 60);
  });
  await desktop.app.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()
      .find((window) => window.isAlwaysOnTop())!
      .close();
  });
  await expect
    .poll(() => (savedSettings(desktop).callWindow as { bounds?: { x: number; y: number } }).bounds)
    .toMatchObject({ x: 40, y: 60 });

  await desktop.window.getByRole('button', { name: 'Stop sharing' }).click();
  await desktop.window.bringToFront();
  const again = await shareScreen();
  await expect(again.getByRole('main', { name: 'Call window' })).toBeVisible();
  expect((await callWindowState())?.bounds).toMatchObject({ x: 40, y: 60 });

  await desktop.window.getByRole('button', { name: 'Leave call' }).click();
  await expect.poll(async () => await callWindowState()).toBeNull();
});

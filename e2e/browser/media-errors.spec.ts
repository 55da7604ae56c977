/**
 * When camera and microphone cannot be had, the UI says why and what to do,
 * and the person can still join to listen and watch: permission denied
 * (Chromium answering every prompt "block") and no device at all.
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import {
  CHROMIUM_ARGS,
  closeAll,
  expectReceiving,
  launchChromium,
  meetInRoom,
  openPerson,
  startServer,
} from '../support/parley';

let server: SignalingServer;
const browsers: Browser[] = [];
let pages: Page[] = [];

test.beforeAll(async () => {
  server = await startServer();
});

test.afterEach(async () => {
  await closeAll(pages);
  pages = [];
});

test.afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()));
  await server?.close();
});

async function launch(args: string[]): Promise<Browser> {
  const browser = await launchChromium(args);
  browsers.push(browser);
  return browser;
}

test('permission denied: the reason and the way out are shown; joining receives only', async () => {
  const browser = await launch([
    ...CHROMIUM_ARGS.filter((flag) => flag !== '--use-fake-ui-for-media-stream'),
    '--deny-permission-prompts',
  ]);
  const bob = await openPerson(browser, server, 'Bob', {
    context: { permissions: ['camera', 'microphone'] },
  });
  const alice = await openPerson(browser, server, 'Alice');
  pages = [bob, alice];

  const alert = alice.getByRole('alert').filter({ hasText: 'Camera and microphone access was blocked' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('join anyway to listen and watch only');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toBeVisible();

  await meetInRoom(bob, [alice]);
  await expect(alice.getByText('You are in listen-and-watch-only mode.')).toBeVisible();
  await expectReceiving(alice, 'Bob');
  const aliceTile = bob.getByRole('group', { name: 'Alice', exact: true });
  await expect(aliceTile.getByRole('img', { name: 'Microphone muted' })).toBeVisible();
  await expect(aliceTile.getByRole('img', { name: 'Camera off' })).toBeVisible();
});

test('no camera or microphone: said plainly, with what to do', async () => {
  const browser = await launch(CHROMIUM_ARGS.filter((flag) => flag !== '--use-fake-device-for-media-stream'));
  const alice = await openPerson(browser, server, 'Alice');
  pages = [alice];
  const alert = alice.getByRole('alert').filter({ hasText: 'No camera or microphone was found' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Plug one in and press Try again');
  await expect(alice.getByRole('button', { name: 'Mute microphone' })).toBeDisabled();
});

/**
 * Helpers for Parley's browser end-to-end tests: Debian's Chromium with fake
 * devices, the real signaling server in-process (serving the built web
 * client), one browser context per person, and reads of what the wire carries
 * through the page's documented test hook (`?test=1` → window.__parleyTest).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from '@playwright/test';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startSignalingServer, type ServerOptions, type SignalingServer } from '../../src/server';
import type { InboundStream } from '../../src/renderer/engine/stats';
import type {} from '../../src/renderer/testHook'; // window.__parleyTest's type

export const WEB_ROOT = resolve('out/renderer');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--auto-select-desktop-capture-source=Entire screen',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium with fake camera/mic; `args` replace or add flags (e.g. device-count=3, or no fake-ui). */
export function launchChromium(args: string[] = CHROMIUM_ARGS): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args });
}

/** The real signaling server on loopback, serving the built web client. */
export function startServer(options: ServerOptions = {}): Promise<SignalingServer> {
  if (!existsSync(resolve(WEB_ROOT, 'index.html'))) {
    throw new Error(`No web client in ${WEB_ROOT}: run \`npx electron-vite build\` first.`);
  }
  return startSignalingServer({ host: '127.0.0.1', port: 0, webRoot: WEB_ROOT, ...options });
}

export interface OpenOptions {
  /** Extra query, e.g. `room=abc`. */
  query?: string;
  /** Where the page is opened from instead of the server itself, e.g. a proxy's http origin. */
  origin?: string;
  context?: BrowserContextOptions;
}

/** One person: a fresh browser context on the web client, named, connected. */
export async function openPerson(
  browser: Browser,
  server: SignalingServer,
  name: string,
  options: OpenOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options.context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error));
  const query = ['test=1', options.query].filter(Boolean).join('&');
  await page.goto(`${options.origin ?? server.httpUrl}/?${query}`);
  await setName(page, name);
  return page;
}

/** Types a display name and presses Enter, then goes on at once, as a person does. */
export async function setName(page: Page, name: string): Promise<void> {
  const field = page.getByLabel('Display name');
  await field.fill(name);
  await field.press('Enter');
}

/** The peer id behind a person's tile, as the other page sees it. */
export async function peerIdOf(page: Page, name: string): Promise<string> {
  const tile = page.getByRole('group', { name, exact: true });
  await expect(tile).toBeVisible();
  const id = await tile.getAttribute('data-peer-id');
  if (!id) throw new Error(`tile of ${name} has no data-peer-id`);
  return id;
}

function inbound(page: Page, peerId: string): Promise<InboundStream[]> {
  return page.evaluate((id) => window.__parleyTest!.inbound(id), peerId);
}

/** Counters of what `page` receives from `peerId`: camera frames decoded, audio bytes, screen frames. */
export async function received(page: Page, peerId: string) {
  const streams = await inbound(page, peerId);
  const video = streams.filter((s) => s.kind === 'video');
  return {
    cameraFrames: video[0]?.framesDecoded ?? 0,
    otherVideoFrames: video.slice(1).reduce((sum, s) => sum + s.framesDecoded, 0),
    audioBytes: streams.filter((s) => s.kind === 'audio').reduce((sum, s) => sum + s.bytesReceived, 0),
  };
}

/** Asserts `page` keeps decoding `name`'s camera and receiving their audio: both counters rise. */
export async function expectReceiving(page: Page, name: string): Promise<void> {
  const peerId = await peerIdOf(page, name);
  await expect.poll(async () => (await received(page, peerId)).cameraFrames).toBeGreaterThan(0);
  const before = await received(page, peerId);
  await expect
    .poll(async () => (await received(page, peerId)).cameraFrames)
    .toBeGreaterThan(before.cameraFrames);
  await expect.poll(async () => (await received(page, peerId)).audioBytes).toBeGreaterThan(before.audioBytes);
}

/** Everything the page opened is closed: no live media track, no open peer connection. */
export async function expectCleanedUp(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.__parleyTest!.liveTrackCount())).toBe(0);
  await expect.poll(() => page.evaluate(() => window.__parleyTest!.openConnectionCount())).toBe(0);
}

export async function closeAll(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.context().close()));
}

/** The first page creates a room; the others open its invite link and join. Returns the link. */
export async function meetInRoom(host: Page, guests: Page[]): Promise<string> {
  await host.getByRole('button', { name: 'New room' }).click();
  const link = await inviteLinkOf(host);
  for (const guest of guests) {
    const name = await guest.getByLabel('Display name').inputValue();
    await guest.goto(`${link}&test=1`);
    await setName(guest, name);
    await guest.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(guest.getByRole('button', { name: 'Leave call' })).toBeVisible();
  }
  return link;
}

/** The invite link of the call `page` is in (exact: the lobby's "Invite link or room code" field is another). */
export function inviteLinkOf(page: Page): Promise<string> {
  return page.getByRole('textbox', { name: 'Invite link', exact: true }).inputValue();
}

/** The peer id of the one other person `page` has a link to (a two-person call or ring). */
export async function onlyPeer(page: Page): Promise<string> {
  return (await page.evaluate(() => window.__parleyTest!.peerIds()))[0]!;
}

/** The state of each of `page`'s links. */
export function linkStates(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.values(window.__parleyTest!.linkStates()));
}

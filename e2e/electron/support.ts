/**
 * Launching the real Parley desktop app for Electron end-to-end tests:
 * Playwright's `_electron`, a throwaway profile (PARLEY_USER_DATA_DIR), main's
 * test hooks (PARLEY_E2E=1 → globalThis.__parleyMain, and the page's
 * window.__parleyTest), fake camera/mic, and name resolution blocked except
 * for loopback. On Linux run under a display: `xvfb-run -a npx playwright test --project electron`.
 *
 * The app is launched the way it runs when packaged: from its folder (so
 * package.json gives it its name, and assets/ its tray and notification
 * icons), not from out/main/index.js. scripts/electron-binary.mjs finds the
 * Electron executable, as `npm start` does.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from '@playwright/test';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import type { ServerInfo } from '../../src/shared/ipc';
import type { TrayMenuItem } from '../../src/main/tray-menu-model';
import type {} from '../../src/main/test-hooks'; // globalThis.__parleyMain's type
import type {} from '../../src/renderer/testHook'; // window.__parleyTest's type
import type {} from '../../src/preload/api'; // window.parley's type

const APP_DIR = resolve('.');
const MAIN_ENTRY = resolve(APP_DIR, 'out/main/index.js');

/** Why these tests cannot run here, or undefined when they can. */
function electronUnavailable(): string | undefined {
  const found = findElectronBinary(APP_DIR);
  if ('reason' in found) return `no Electron binary: ${found.reason}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: run under `xvfb-run -a npx playwright test --project electron`';
  }
  if (!existsSync(MAIN_ENTRY)) return `${MAIN_ENTRY} is missing: run \`npx electron-vite build\` first`;
  return undefined;
}

/** Skips the spec file, saying why, where Electron cannot run. */
function requireElectron(): void {
  const reason = electronUnavailable();
  if (reason) console.log(`Electron e2e skipped: ${reason}`);
  test.skip(reason !== undefined, reason);
}

/**
 * Every Electron spec's setup: skipped (saying why) where Electron cannot run,
 * else one app for the file's tests, run in order. The returned handle reads
 * through to the app once it is up.
 */
export function useParleyDesktop(options: LaunchOptions = {}): ParleyDesktop {
  requireElectron();
  test.describe.configure({ mode: 'serial' });
  let launched: ParleyDesktop | undefined;
  test.beforeAll(async () => {
    launched = await launchParley(options);
  });
  test.afterAll(async () => {
    await launched?.close();
  });
  const current = (): ParleyDesktop => {
    if (!launched) throw new Error('the desktop app is not running');
    return launched;
  };
  return {
    get app() {
      return current().app;
    },
    get window() {
      return current().window;
    },
    get userData() {
      return current().userData;
    },
    close: () => current().close(),
  };
}

export const ELECTRON_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // The app talks to loopback only: every other name fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

export interface ParleyDesktop {
  app: ElectronApplication;
  window: Page;
  userData: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Written as settings.json before start (the embedded server on a free port by default). */
  settings?: Record<string, unknown>;
  /** Replace ELECTRON_ARGS entries, e.g. a device-count for the fake devices. */
  args?: string[];
}

/** Starts Parley with a fresh profile and waits for its window. */
async function launchParley(options: LaunchOptions = {}): Promise<ParleyDesktop> {
  const found = findElectronBinary(APP_DIR);
  if ('reason' in found) throw new Error(found.reason);
  const userData = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({
      server: { mode: 'embedded', allowLan: false, port: 0 },
      closeToTray: false,
      ...options.settings,
    }),
  );
  const app = await electron.launch({
    executablePath: found.path,
    args: [...(options.args ?? ELECTRON_ARGS), APP_DIR],
    env: { ...process.env, PARLEY_E2E: '1', PARLEY_USER_DATA_DIR: userData },
  });
  app.process().stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[parley] ${chunk}`));
  const window = await app.firstWindow();
  window.on('pageerror', (error) => console.error('[parley page] error:', error));
  await window.waitForLoadState('domcontentloaded');
  return {
    app,
    window,
    userData,
    async close() {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}

export function serverInfo(desktop: ParleyDesktop): Promise<ServerInfo> {
  return desktop.app.evaluate(() => globalThis.__parleyMain!.serverInfo());
}

export function trayMenu(desktop: ParleyDesktop): Promise<TrayMenuItem[]> {
  return desktop.app.evaluate(() => globalThis.__parleyMain!.trayMenu());
}

export function clickTrayItem(desktop: ParleyDesktop, id: string): Promise<void> {
  return desktop.app.evaluate((_electron, itemId) => globalThis.__parleyMain!.clickTrayItem(itemId), id);
}

/** The radio items of one device submenu: label, id, checked. */
export async function trayDevices(desktop: ParleyDesktop, kind: 'audioinput' | 'videoinput' | 'audiooutput') {
  const submenu = (await trayMenu(desktop)).find((item) => item.id === kind);
  if (submenu?.type !== 'submenu') throw new Error(`no ${kind} submenu in the tray`);
  return submenu.submenu.flatMap((item) =>
    item.type === 'radio' ? [{ id: item.id, label: item.label, checked: item.checked }] : [],
  );
}

/** Reads the settings file the app wrote. */
export function savedSettings(desktop: ParleyDesktop): Record<string, unknown> {
  return JSON.parse(readFileSync(join(desktop.userData, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

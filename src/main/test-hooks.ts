/**
 * Test-only access for the Electron end-to-end tests, enabled by
 * PARLEY_E2E=1 and absent otherwise: Playwright's electronApp.evaluate runs
 * in main and reads `globalThis.__parleyMain` (the tray menu has no Electron
 * getter, and a native tray cannot be clicked by a test). PARLEY_USER_DATA_DIR
 * (read in index.ts) points the app at a throwaway profile.
 */
import type { ServerInfo } from '../shared/ipc';
import type { DesktopSnapshot } from './desktop-state';
import type { TrayAction, TrayMenuItem } from './tray-menu-model';

interface ParleyTestHooks {
  trayMenu(): TrayMenuItem[];
  /** Performs the action of the tray item with this id, as a click would. */
  clickTrayItem(id: string): void;
  serverInfo(): ServerInfo;
  desktopState(): DesktopSnapshot;
}

declare global {
  var __parleyMain: ParleyTestHooks | undefined;
}

const TEST_HOOKS_ENV = 'PARLEY_E2E';

function testHooksEnabled(): boolean {
  return process.env[TEST_HOOKS_ENV] === '1';
}

/** The page's own test hook (`?test=1` → window.__parleyTest) comes with main's. */
export function testPageQuery(): string {
  return testHooksEnabled() ? '?test=1' : '';
}

export function exposeTestHooks(sources: {
  trayMenu(): TrayMenuItem[];
  act(action: TrayAction): void;
  serverInfo(): ServerInfo;
  desktopState(): DesktopSnapshot;
}): void {
  if (!testHooksEnabled()) return;
  globalThis.__parleyMain = {
    trayMenu: sources.trayMenu,
    serverInfo: sources.serverInfo,
    desktopState: sources.desktopState,
    clickTrayItem(id) {
      const item = findItem(sources.trayMenu(), id);
      if (!item || !('action' in item)) throw new Error(`no clickable tray item "${id}"`);
      if (!item.enabled) throw new Error(`tray item "${id}" is disabled`);
      sources.act(item.action);
    },
  };
}

function findItem(items: TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.type === 'submenu') {
      const found = findItem(item.submenu, id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The main window: sandboxed, context-isolated, no Node in the page; it
 * loads only the app's own pages, and links leave for the default browser.
 */
import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { decideNavigation } from './navigation-policy';

export interface MainWindowOptions {
  preloadPath: string;
  /** electron-vite's dev server, when running `npm run dev`. */
  devServerUrl: string | undefined;
  origins: readonly string[];
  /** Appended to the page URL (the e2e test hook's `?test=1`). */
  query: string;
  iconPath: string;
  /** Asked on close: true hides the window to the tray instead of closing it. */
  keepInTray(): boolean;
}

/** The webPreferences every Parley window gets (the e2e test reads them back). */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Calls keep running (and ringing) while the window is hidden in the tray.
    backgroundThrottling: false,
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Parley',
    icon: options.iconPath,
    backgroundColor: '#111318',
    webPreferences: secureWebPreferences(options.preloadPath),
  });

  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, options.origins);
    if (decision === 'stay-in-app') return;
    event.preventDefault();
    if (decision === 'open-externally') void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, options.origins) !== 'refuse') void shell.openExternal(url);
    return { action: 'deny' };
  });

  window.on('close', (event) => {
    if (options.keepInTray()) {
      event.preventDefault();
      window.hide();
    }
  });

  void window.loadURL(`${options.devServerUrl ?? APP_ENTRY_URL}${options.query}`);
  return window;
}

/** Brings the window back from the tray or behind other windows. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** out/preload/index.cjs next to out/main/index.js. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}

/**
 * The main window: sandboxed, context-isolated, no Node in the page; it
 * loads only the app's own pages, and links leave for the default browser.
 * The webPreferences stay written out in the constructor so reviewers and
 * scanners (electronegativity) see exactly what the window gets.
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
  /** Asked on a real close: work the page must finish first (leaving the call), or null. */
  finishBeforeClose(): Promise<void> | null;
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
    webPreferences: {
      // The preload is the bridge: contextBridge only, named functions derived from the IPC contract, sandboxed.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows past setWindowOpenHandler's checks.
      disableBlinkFeatures: 'Auxclick',
      // Calls keep running (and ringing) while the window is hidden in the tray.
      backgroundThrottling: false,
    },
  });

  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, options.origins);
    if (decision === 'stay-in-app') return;
    event.preventDefault();
    // decideNavigation opens externally only http(s) URLs with a host and no credentials.
    if (decision === 'open-externally') void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, options.origins) !== 'refuse') void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });

  let finishing = false;
  window.on('close', (event) => {
    if (options.keepInTray()) {
      event.preventDefault();
      window.hide();
      return;
    }
    // The page must leave the call while it still exists; close for real once it has.
    const pending = finishing ? null : options.finishBeforeClose();
    if (!pending) return;
    event.preventDefault();
    finishing = true;
    void pending.finally(() => {
      if (!window.isDestroyed()) window.close();
    });
  });

  void window.loadURL(`${options.devServerUrl ?? APP_ENTRY_URL}${options.query}`);
  return window;
}

/** out/preload/index.cjs next to out/main/index.js. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}

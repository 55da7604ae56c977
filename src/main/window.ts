/**
 * The main window: sandboxed, context-isolated, no Node in the page; it
 * loads only the app's own pages, and links leave for the default browser.
 * The webPreferences stay written out in the constructor so reviewers and
 * scanners (electronegativity) see exactly what the window gets.
 */
import { join } from 'node:path';
import { BrowserWindow, shell, type WebContents } from 'electron';
import { CALL_WINDOW_NAME } from '../shared/call-window';
import { APP_ENTRY_URL } from './app-origin';
import type { Rect } from './call-window-placement';
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
  /** Where the always-on-top call window opens (on a display, see call-window-placement.ts). */
  callWindowBounds(): Rect;
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
  hardenContents(contents, options.origins);
  // The one window the page may open: the call window, an empty same-origin page it renders into.
  contents.setWindowOpenHandler(({ url, frameName }) => {
    if (frameName === CALL_WINDOW_NAME && url === 'about:blank') {
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          ...options.callWindowBounds(),
          title: 'Parley',
          icon: options.iconPath,
          backgroundColor: '#111318',
          alwaysOnTop: true,
          resizable: false,
          minimizable: false,
          maximizable: false,
          fullscreenable: false,
          skipTaskbar: true,
          // As locked down as the main window; no preload: the page drives it, it needs no bridge of its own.
          webPreferences: {
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            webSecurity: true,
            webviewTag: false,
            backgroundThrottling: false,
          },
        },
      };
    }
    if (decideNavigation(url, options.origins) !== 'refuse') void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
  contents.on('did-create-window', (child) => {
    child.setAlwaysOnTop(true, 'floating'); // above full-screen apps where the OS allows it
    hardenContents(child.webContents, options.origins);
    child.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
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

/** The main and the call window: no navigation away from the app, no webviews. */
function hardenContents(contents: WebContents, origins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, origins);
    if (decision === 'stay-in-app') return;
    event.preventDefault();
    // decideNavigation opens externally only http(s) URLs with a host and no credentials.
    if (decision === 'open-externally') void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** out/preload/index.cjs next to out/main/index.js. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}

/**
 * Parley's main process, in the order things happen. Each step lives in its
 * own module; this file only connects them. IPC handlers are registered
 * before the window loads its page.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session, type BrowserWindow } from 'electron';
import type { DeepLinkTarget, Notice } from '../shared/ipc';
import { appOrigins } from './app-origin';
import { claimSingleInstance, listenForLaunches, registerDeepLinkProtocol, setupQuit } from './app-lifecycle';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { DesktopState, PageInbox, whenCallEnded } from './desktop-state';
import { registerIpcHandlers } from './ipc';
import { createEventEmitter } from './ipc-dispatch';
import { createIpcHandlers } from './ipc-handlers';
import { createIncomingCallNotifier } from './notifications';
import { applyPermissionPolicy } from './permissions';
import { keepAwakeDuringCalls } from './power';
import { setupScreenShare } from './screen-share';
import { ServerHost } from './server-host';
import { openSettingsStore } from './settings-store';
import { setupShortcuts } from './shortcuts';
import { SignalingBridge } from './signaling-bridge';
import { openSignalingClient } from './signaling-connect';
import { exposeTestHooks, testHooksEnabled, testPageQuery } from './test-hooks';
import { setupTray } from './tray';
import { resolveLanguage } from './tray-menu-model';
import { createUserActions } from './user-actions';
import { createMainWindow, preloadPath, revealWindow, secureWebPreferences } from './window';

const mainDir = fileURLToPath(new URL('.', import.meta.url));

// Test hook (e2e): a throwaway profile per run.
if (process.env.PARLEY_USER_DATA_DIR) app.setPath('userData', process.env.PARLEY_USER_DATA_DIR);

registerAppScheme();
if (!claimSingleInstance()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  // Set once the app is ready; until then there is no window to show.
  let openWindow: (() => BrowserWindow) | null = null;
  const showWindow = () => {
    if (window && !window.isDestroyed()) revealWindow(window);
    else if (openWindow) window = openWindow();
  };
  const events = createEventEmitter((channel, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
  });
  const deepLinks = new PageInbox<DeepLinkTarget>((link) => events.emit('app', 'onDeepLink', link), 'latest');
  const notices = new PageInbox<Notice>((notice) => events.emit('app', 'onNotice', notice), 'all');
  listenForLaunches({ onDeepLink: (link) => deepLinks.push(link), onActivate: showWindow });
  // Test runs must not make the test machine's parley:// links open a throwaway build.
  if (!testHooksEnabled()) registerDeepLinkProtocol();

  await app.whenReady();
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const origins = appOrigins(devServerUrl);
  const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets');
  const settings = await openSettingsStore(app.getPath('userData'));
  const language = () => resolveLanguage(settings.current().language, app.getLocale());

  const server = new ServerHost(join(mainDir, '../renderer'));
  const state = new DesktopState(server.info);
  const actions = createUserActions({ state, settings, events, revealWindow: showWindow });
  const notifier = createIncomingCallNotifier({
    language,
    iconPath: join(assetsDir, 'icon.png'),
    command: actions.command,
    revealWindow: showWindow,
  });
  const signaling = new SignalingBridge({
    open: openSignalingClient,
    events,
    onIncomingCall(event) {
      if (event.type === 'ringing') {
        state.update({ incoming: { callId: event.call.callId, from: event.call.peer.name } });
        if (!window?.isFocused()) notifier.ring(event.call.callId, event.call.peer.name);
      } else {
        state.update({ incoming: null });
        notifier.settle(event.callId);
      }
    },
  });

  serveAppProtocol(session.defaultSession, join(mainDir, '../renderer'));
  applyPermissionPolicy(session.defaultSession, origins);
  const screenShare = setupScreenShare({
    session: session.defaultSession,
    origins,
    events,
    ownWindowIds: () => (window ? [window.getMediaSourceId()] : []),
    revealWindow: showWindow,
  });
  registerIpcHandlers(
    createIpcHandlers({ state, settings, server, signaling, screenShare, deepLinks, notices }),
    origins,
  );

  server.onChange((info) => {
    state.update({ server: info });
    events.emit('server', 'onInfo', info);
    if (info.state === 'ready') signaling.retarget(info.wsUrl);
  });
  await server.apply(settings.current().server);

  const quit = setupQuit(async () => {
    if (state.snapshot.call.phase !== 'idle') events.emit('call', 'onCommand', { type: 'leave' });
    await whenCallEnded(state, 1_500);
    signaling.close();
    await server.stop();
  });
  const shortcuts = setupShortcuts({
    command: actions.command,
    onUnavailable: (accelerator) =>
      notices.push({
        code: 'shortcut-taken',
        message: `The mute shortcut ${accelerator} is taken by another app; choose another in Settings.`,
      }),
  });
  shortcuts.apply(settings.current().shortcuts);
  // macOS keeps the app running with no window; the dock icon or a link opens a new one.
  openWindow = () => {
    const created = createMainWindow({
      preloadPath: preloadPath(mainDir),
      devServerUrl,
      origins,
      query: testPageQuery(),
      iconPath: join(assetsDir, 'icon.png'),
      keepInTray: () => settings.current().closeToTray && !quit.isQuitting(),
    });
    created.webContents.on('did-start-loading', () => {
      deepLinks.pageReloaded();
      notices.pageReloaded();
    });
    shortcuts.watch(created.webContents);
    return created;
  };
  window = openWindow();

  const tray = setupTray({ state, iconDir: join(assetsDir, 'tray'), language, act: actions.act });
  const stopKeepingAwake = keepAwakeDuringCalls(state);

  settings.onChange((next) => {
    events.emit('settings', 'onChange', next);
    void server.apply(next.server);
    shortcuts.apply(next.shortcuts);
    tray.refresh();
  });
  if (settings.recoveredFrom) {
    notices.push({
      code: 'settings-recovered',
      message: `Your settings file could not be read, so Parley started with defaults. The old file is kept at ${settings.recoveredFrom}.`,
    });
  }

  app.on('will-quit', () => {
    shortcuts.dispose();
    stopKeepingAwake();
    tray.dispose();
  });
  // With close-to-tray off, closing the last window quits (except on macOS, where apps stay in the dock).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  exposeTestHooks({
    trayMenu: tray.currentMenu,
    act: actions.act,
    serverInfo: () => server.info,
    desktopState: () => state.snapshot,
    webPreferences: () => secureWebPreferences(preloadPath(mainDir)),
  });
}

/**
 * Parley's main process, in the order things happen. Each step lives in its
 * own module; this file only connects them. IPC handlers are registered
 * before the window loads its page.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, screen, session, type BrowserWindow } from 'electron';
import type { DeepLinkTarget, Notice } from '../shared/ipc';
import { appOrigins, originOf } from './app-origin';
import {
  adoptAppIdentity,
  claimSingleInstance,
  listenForLaunches,
  registerDeepLinkProtocol,
  setupQuit,
} from './app-lifecycle';
import { applyDevServerPolicy, registerAppScheme, serveAppProtocol } from './app-protocol';
import { DesktopState, IDLE_CALL, PageInbox, whenCallEnded } from './desktop-state';
import { registerIpcHandlers } from './ipc';
import { createEventEmitter } from './ipc-dispatch';
import { createIpcHandlers } from './ipc-handlers';
import { createIncomingCallNotifier } from './notifications';
import { applyPermissionPolicy } from './permissions';
import { lanCertificate } from './lan-certificate';
import { keepAwakeDuringCalls } from './power';
import { placeCallWindow } from './call-window-placement';
import { enableSystemAudioLoopback, setupScreenShare } from './screen-share';
import { ServerHost } from './server-host';
import { openSettingsStore } from './settings-store';
import { enableWaylandShortcuts, setupShortcuts } from './shortcuts';
import { SignalingBridge } from './signaling-bridge';
import { openSignalingClient } from './signaling-connect';
import { exposeTestHooks, testPageQuery } from './test-hooks';
import { setupTray } from './tray';
import { resolveLanguage } from './tray-menu-model';
import { detectTrayVisibility } from './tray-visibility';
import { createUserActions } from './user-actions';
import { createMainWindow, preloadPath } from './window';
import { WindowSlot } from './window-slot';

const mainDir = fileURLToPath(new URL('.', import.meta.url));
/** How long the page gets to leave a call before its window closes or the app quits anyway. */
const LEAVE_LIMIT_MS = 1_500;
const NO_TRAY_MESSAGE =
  'This desktop shows no tray icons, so closing Parley’s window quits it (on GNOME, the AppIndicator extension adds them).';

const identity = adoptAppIdentity();
registerAppScheme();
enableWaylandShortcuts();
enableSystemAudioLoopback();
if (!claimSingleInstance()) {
  app.quit();
} else {
  void start();
}

/** The displays' work areas, the primary first (the call window's default corner is on it). */
function displayWorkAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map(
    (display) => display.workArea,
  );
}

async function start(): Promise<void> {
  // The page reloaded or closed: its call is over and its subscriptions are gone (a ring is main's, it stays).
  const page = new WindowSlot<BrowserWindow>(() => {
    deepLinks.pageReloaded();
    notices.pageReloaded();
    state.update({ call: IDLE_CALL });
  });
  const events = createEventEmitter((channel, payload) => page.send(channel, payload));
  const deepLinks = new PageInbox<DeepLinkTarget>((link) => events.emit('app', 'onDeepLink', link), 'latest');
  const notices = new PageInbox<Notice>((notice) => events.emit('app', 'onNotice', notice), 'all');
  const showWindow = () => page.reveal();
  listenForLaunches({ onDeepLink: (link) => deepLinks.push(link), onActivate: showWindow });
  if (identity.ownsDeepLinks) registerDeepLinkProtocol();

  await app.whenReady();
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const origins = appOrigins(devServerUrl);
  const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets');
  const settings = await openSettingsStore(app.getPath('userData'));
  const language = () => resolveLanguage(settings.current().language, app.getLocale());
  const trayVisible = detectTrayVisibility(() => {
    if (settings.current().closeToTray) notices.push({ code: 'no-tray', message: NO_TRAY_MESSAGE });
  });

  const server = new ServerHost(join(mainDir, '../renderer'), (address) =>
    lanCertificate(app.getPath('userData'), address),
  );
  const state = new DesktopState(server.info);
  const actions = createUserActions({ state, settings, events, revealWindow: showWindow });
  const notifier = createIncomingCallNotifier({
    language,
    iconPath: join(assetsDir, 'icon.png'),
    command: actions.command,
    revealWindow: showWindow,
  });
  const signaling = new SignalingBridge({
    open: (url, name) => openSignalingClient(url, name, server.pinnedCertificate),
    events,
    onIncomingCall(event) {
      if (event.type === 'ringing') {
        state.update({ incoming: { callId: event.call.callId, from: event.call.peer.name } });
        if (!page.isFocused()) notifier.ring(event.call.callId, event.call.peer.name);
      } else {
        state.update({ incoming: null });
        notifier.settle(event.callId);
      }
    },
  });

  serveAppProtocol(session.defaultSession, join(mainDir, '../renderer'));
  const devServerOrigin = originOf(devServerUrl);
  if (devServerOrigin) applyDevServerPolicy(session.defaultSession, devServerOrigin);
  applyPermissionPolicy(session.defaultSession, origins);
  const screenShare = setupScreenShare({
    session: session.defaultSession,
    origins,
    events,
    ownWindowIds: () => page.mediaSourceIds(),
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

  /** Asks the page to leave the call; null when there is none. */
  const leaveCall = (): Promise<void> | null => {
    if (state.snapshot.call.phase === 'idle') return null;
    events.emit('call', 'onCommand', { type: 'leave' });
    return whenCallEnded(state, LEAVE_LIMIT_MS);
  };
  const quit = setupQuit(async () => {
    await leaveCall();
    signaling.close();
    await server.stop();
  });
  const shortcuts = setupShortcuts({
    command: actions.command,
    onUnavailable: (message) => notices.push({ code: 'shortcut-taken', message }),
    onPushToTalkFocusedOnly: (message) => notices.push({ code: 'push-to-talk-focused', message }),
  });
  shortcuts.apply(settings.current().shortcuts);
  page.open(() => {
    const created = createMainWindow({
      preloadPath: preloadPath(mainDir),
      devServerUrl,
      origins,
      query: testPageQuery(),
      iconPath: join(assetsDir, 'icon.png'),
      keepInTray: () => settings.current().closeToTray && trayVisible() && !quit.isQuitting(),
      finishBeforeClose: leaveCall,
      callWindowBounds: () => placeCallWindow(settings.current().callWindow.bounds, displayWorkAreas()),
    });
    shortcuts.watch(created.webContents);
    return created;
  });

  const tray = setupTray({
    state,
    iconDir: join(assetsDir, 'tray'),
    language,
    effects: () => settings.current().effects,
    act: actions.act,
  });
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
  // With close-to-tray off (or no tray to return from), closing the last window quits, except on macOS (the dock).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  exposeTestHooks({
    trayMenu: tray.currentMenu,
    act: actions.act,
    serverInfo: () => server.info,
    desktopState: () => state.snapshot,
  });
}

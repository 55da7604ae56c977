/**
 * One Parley per user: a second launch (or a parley:// link, which the OS
 * delivers as a launch on Windows/Linux and as open-url on macOS) hands its
 * link to the running app. Quit leaves calls cleanly before exiting.
 */
import { app } from 'electron';
import { DEEP_LINK_SCHEME, findDeepLinkArg, parseDeepLink, type DeepLink } from '../shared/deep-link';
import { appIdentity, type AppIdentity } from './app-identity';

/** Call first of all: the profile folder decides the single-instance lock and where settings live. */
export function adoptAppIdentity(): AppIdentity {
  const identity = appIdentity({
    packaged: app.isPackaged,
    appDataDir: app.getPath('appData'),
    profileOverride: process.env.PARLEY_USER_DATA_DIR,
    execPath: process.execPath,
  });
  app.setPath('userData', identity.userDataDir);
  // Windows shows toasts and groups taskbar buttons by this id; the installer's shortcuts carry the same.
  if (process.platform === 'win32') app.setAppUserModelId(identity.appUserModelId);
  return identity;
}

/** False when another Parley is running: it got our arguments, so this process should quit. */
export function claimSingleInstance(): boolean {
  return app.requestSingleInstanceLock();
}

/** Makes the OS open parley:// links with this app: only the installed app does (see app-identity.ts). */
export function registerDeepLinkProtocol(): void {
  // parseDeepLink accepts only join links with a valid room id and a ws(s) server, and the page asks before joining.
  app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK
}

export interface LaunchHandlers {
  /** A well-formed parley:// link; malformed links are dropped. */
  onDeepLink(link: DeepLink): void;
  /** Someone launched Parley again: show the window. */
  onActivate(): void;
}

/** Call before `ready`: macOS delivers the launching link through open-url very early. */
export function listenForLaunches(handlers: LaunchHandlers): void {
  const take = (raw: string | undefined) => {
    const link = raw ? parseDeepLink(raw) : null;
    if (link) handlers.onDeepLink(link);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    take(url);
    handlers.onActivate();
  });
  app.on('second-instance', (_event, argv) => {
    take(findDeepLinkArg(argv));
    handlers.onActivate();
  });
  app.on('activate', () => handlers.onActivate());
  take(findDeepLinkArg(process.argv));
}

export interface QuitFlow {
  /** True once Quit was chosen: windows really close instead of hiding to the tray. */
  isQuitting(): boolean;
}

/** How long leaving the call and closing the server may take before we exit anyway. */
const CLEANUP_LIMIT_MS = 3_000;

/** On quit: run `cleanup` (leave the call, close signaling, stop the server) once, then exit. */
export function setupQuit(cleanup: () => Promise<void>): QuitFlow {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    const limit = new Promise<void>((done) => setTimeout(done, CLEANUP_LIMIT_MS));
    void Promise.race([cleanup().catch(() => undefined), limit]).then(() => {
      state = 'done';
      app.quit();
    });
  });
  return { isQuitting: () => state !== 'running' };
}

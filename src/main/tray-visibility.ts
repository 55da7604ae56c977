/**
 * Whether the tray icon will be seen. Windows and macOS always show it. On
 * Linux Electron's tray is a StatusNotifierItem, shown where a
 * StatusNotifierWatcher runs (KDE, Cinnamon, XFCE...; GNOME only with the
 * AppIndicator extension), else an X11 tray icon that GNOME never shows.
 * Close-to-tray with no icon would hide the window for good.
 */
import { execFile } from 'node:child_process';

export interface TrayEnvironment {
  platform: NodeJS.Platform;
  /** XDG_CURRENT_DESKTOP, e.g. "ubuntu:GNOME" or "KDE". */
  desktop: string | undefined;
  /** XDG_SESSION_TYPE: "x11" or "wayland". */
  sessionType: string | undefined;
  /** A StatusNotifierWatcher owns its bus name; null when the bus could not be asked. */
  watcherPresent: boolean | null;
}

export function trayWillShow(env: TrayEnvironment): boolean {
  if (env.platform !== 'linux') return true;
  if (env.watcherPresent) return true;
  const gnome = /gnome/i.test(env.desktop ?? '');
  if (gnome) return false;
  // No watcher: only an X11 tray (XEmbed) can show the icon, and only if we could not ask.
  return env.watcherPresent === null || env.sessionType === 'x11';
}

const WATCHER = 'org.kde.StatusNotifierWatcher';
const ASK_LIMIT_MS = 2_000;

/** Asks the session bus whether a StatusNotifierWatcher runs (gdbus, else dbus-send); null if neither answers. */
async function statusNotifierWatcherPresent(): Promise<boolean | null> {
  const gdbus = await run('gdbus', [
    'call',
    '--session',
    '--dest=org.freedesktop.DBus',
    '--object-path=/org/freedesktop/DBus',
    '--method=org.freedesktop.DBus.NameHasOwner',
    WATCHER,
  ]);
  if (gdbus !== null) return gdbus.includes('true');
  const dbusSend = await run('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner',
    `string:${WATCHER}`,
  ]);
  return dbusSend === null ? null : dbusSend.includes('boolean true');
}

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: ASK_LIMIT_MS }, (error, stdout) => resolve(error ? null : stdout));
  });
}

/**
 * Asks once at start; until the answer comes, Linux counts as trayless (never
 * hide a window for good). `onTrayless` hears if there is no tray after all.
 */
export function detectTrayVisibility(onTrayless: () => void): () => boolean {
  let visible = process.platform !== 'linux';
  if (!visible) {
    void statusNotifierWatcherPresent().then((watcherPresent) => {
      visible = trayWillShow({
        platform: process.platform,
        desktop: process.env.XDG_CURRENT_DESKTOP,
        sessionType: process.env.XDG_SESSION_TYPE,
        watcherPresent,
      });
      if (!visible) onTrayless();
    });
  }
  return () => visible;
}

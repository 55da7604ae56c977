import { describe, expect, it } from 'vitest';
import { trayWillShow, type TrayEnvironment } from './tray-visibility';

const linux = (overrides: Partial<TrayEnvironment>): TrayEnvironment => ({
  platform: 'linux',
  desktop: 'KDE',
  sessionType: 'wayland',
  watcherPresent: true,
  ...overrides,
});

describe('trayWillShow', () => {
  it('is always true on Windows and macOS', () => {
    expect(trayWillShow({ ...linux({ watcherPresent: false }), platform: 'win32' })).toBe(true);
    expect(trayWillShow({ ...linux({ watcherPresent: false }), platform: 'darwin' })).toBe(true);
  });

  it('trusts a StatusNotifierWatcher (KDE, or GNOME with the AppIndicator extension)', () => {
    expect(trayWillShow(linux({}))).toBe(true);
    expect(trayWillShow(linux({ desktop: 'ubuntu:GNOME' }))).toBe(true);
  });

  it('is false on GNOME without the extension, X11 or Wayland, asked or not', () => {
    for (const watcherPresent of [false, null])
      for (const sessionType of ['x11', 'wayland'])
        expect(trayWillShow(linux({ desktop: 'ubuntu:GNOME', watcherPresent, sessionType }))).toBe(false);
  });

  it('counts on an X11 tray elsewhere without a watcher, but not on Wayland', () => {
    expect(trayWillShow(linux({ desktop: 'XFCE', watcherPresent: false, sessionType: 'x11' }))).toBe(true);
    expect(trayWillShow(linux({ desktop: 'sway', watcherPresent: false, sessionType: 'wayland' }))).toBe(
      false,
    );
  });
});

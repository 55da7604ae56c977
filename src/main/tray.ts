/** The tray icon (one per call state) and its menu, rebuilt from tray-menu-model on every change. */
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { inviteUrlFor } from '../shared/ipc';
import type { EffectSettings } from '../shared/settings';
import type { DesktopState } from './desktop-state';
import {
  buildTrayMenu,
  trayIconState,
  trayTooltip,
  type TrayAction,
  type TrayLanguage,
  type TrayMenuItem,
} from './tray-menu-model';

export interface TrayOptions {
  state: DesktopState;
  /** assets/tray: idle.png, in-call.png, muted.png, sharing.png (+ @2x, + …Template for macOS). */
  iconDir: string;
  language(): TrayLanguage;
  /** The effects as saved in settings (the page saves them when they change there too). */
  effects(): EffectSettings;
  act(action: TrayAction): void;
}

export interface TrayHandle {
  /** The menu as last built (the e2e hook reads it). */
  currentMenu(): TrayMenuItem[];
  /** Rebuilds after something outside DesktopState changed (language). */
  refresh(): void;
  dispose(): void;
}

export function setupTray(options: TrayOptions): TrayHandle {
  // macOS tints template images (black + alpha, "…Template.png") for light and dark menu bars.
  const variant = process.platform === 'darwin' ? 'Template' : '';
  const icon = (state: string) => nativeImage.createFromPath(join(options.iconDir, `${state}${variant}.png`));
  const tray = new Tray(icon('idle'));
  let items: TrayMenuItem[] = [];

  const render = () => {
    const { devices, call, incoming, server } = options.state.snapshot;
    const language = options.language();
    items = buildTrayMenu({
      devices: devices.devices,
      selected: devices.selected,
      effects: options.effects(),
      call,
      inviteUrl: call.roomId ? inviteUrlFor(server, call.roomId) : null,
      incoming,
      language,
    });
    tray.setImage(icon(trayIconState(call)));
    tray.setToolTip(trayTooltip(call, language));
    tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => toElectron(item, options.act))));
  };

  render();
  const unsubscribe = options.state.onChange(render);
  // Windows and Linux: a click on the icon opens the window; the menu is on right-click.
  tray.on('click', () => options.act({ type: 'open-window' }));
  return {
    currentMenu: () => items,
    refresh: render,
    dispose() {
      unsubscribe();
      tray.destroy();
    },
  };
}

function toElectron(item: TrayMenuItem, act: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.type) {
    case 'separator':
      return { type: 'separator', id: item.id };
    case 'submenu':
      return {
        id: item.id,
        label: item.label,
        enabled: item.enabled,
        submenu: item.submenu.map((child) => toElectron(child, act)),
      };
    case 'normal':
      return { id: item.id, label: item.label, enabled: item.enabled, click: () => act(item.action) };
    case 'checkbox':
    case 'radio':
      return {
        id: item.id,
        type: item.type,
        label: item.label,
        enabled: item.enabled,
        checked: item.checked,
        click: () => act(item.action),
      };
  }
}

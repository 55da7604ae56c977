/**
 * What the user asks for outside the page (tray items, notification buttons,
 * shortcuts), carried out: call commands go to the page, device picks and
 * effects are remembered, the rest is main's own business.
 */
import { app, clipboard } from 'electron';
import { inviteUrlFor, type CallCommand } from '../shared/ipc';
import type { DesktopState } from './desktop-state';
import type { EventEmitter } from './ipc-dispatch';
import type { SettingsStore } from './settings-store';
import type { TrayAction } from './tray-menu-model';

export interface UserActionDeps {
  state: DesktopState;
  settings: SettingsStore;
  events: EventEmitter;
  revealWindow(): void;
}

export interface UserActions {
  command(command: CallCommand): void;
  act(action: TrayAction): void;
}

export function createUserActions(deps: UserActionDeps): UserActions {
  const command = (command: CallCommand) => {
    deps.events.emit('call', 'onCommand', command);
    if (command.type === 'select-device') {
      const devices = deps.settings.current().devices;
      void deps.settings.update({ devices: { ...devices, [command.kind]: command.deviceId } });
    }
    if (command.type === 'set-effect') {
      const effects = deps.settings.current().effects;
      void deps.settings.update({ effects: { ...effects, [command.effect]: command.on } });
    }
    // The screen picker and the call itself live in the window.
    if (command.type === 'start-screen-share' || (command.type === 'answer-call' && command.accept)) {
      deps.revealWindow();
    }
  };
  return {
    command,
    act(action) {
      switch (action.type) {
        case 'command':
          return command(action.command);
        case 'copy-invite': {
          const { call, server } = deps.state.snapshot;
          const url = call.roomId ? inviteUrlFor(server, call.roomId) : null;
          if (url) clipboard.writeText(url);
          return;
        }
        case 'open-window':
          return deps.revealWindow();
        case 'open-settings':
          deps.revealWindow();
          return deps.events.emit('settings', 'onOpenRequest', undefined);
        case 'quit':
          return app.quit();
      }
    },
  };
}

/**
 * The mute shortcut, wired to Electron: a global shortcut (toggle), or with
 * push-to-talk the window's own key events (see push-to-talk.ts for why
 * never both). On Wayland global shortcuts go through the desktop's portal.
 */
import { app, globalShortcut, type WebContents } from 'electron';
import type { CallCommand } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import { planShortcuts, PushToTalk, shortcutUnavailableMessage } from './push-to-talk';

export interface ShortcutOptions {
  command(command: CallCommand): void;
  /** Told, in words for the user, when the OS refuses the global shortcut. */
  onUnavailable(message: string): void;
}

export interface Shortcuts {
  apply(shortcuts: Settings['shortcuts']): void;
  /** Push-to-talk listens to the key events of this window's page. */
  watch(contents: WebContents): void;
  dispose(): void;
}

const onWayland = () => process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland';

/** Call before `ready`: without this switch Electron cannot register global shortcuts on Wayland. */
export function enableWaylandShortcuts(): void {
  if (onWayland()) app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}

export function setupShortcuts(options: ShortcutOptions): Shortcuts {
  let registered: string | null = null;
  let applied = '';
  let pushToTalk: PushToTalk | null = null;

  const unregister = () => {
    if (registered) globalShortcut.unregister(registered);
    registered = null;
  };
  const register = (accelerator: string) => {
    let ok = false;
    try {
      ok = globalShortcut.register(accelerator, () => options.command({ type: 'toggle-mic' }));
    } catch {
      ok = false; // an accelerator Electron cannot parse
    }
    if (ok) registered = accelerator;
    else options.onUnavailable(shortcutUnavailableMessage(accelerator, onWayland()));
  };

  return {
    apply(shortcuts) {
      // Settings change for many reasons; re-register only when the shortcut did.
      const key = JSON.stringify(shortcuts);
      if (key === applied) return;
      applied = key;
      unregister();
      const plan = planShortcuts(shortcuts, process.platform);
      pushToTalk = plan.pushToTalk ? new PushToTalk(plan.pushToTalk, options.command) : null;
      // Push-to-talk starts muted: the mic opens only while the key is held.
      if (pushToTalk) options.command({ type: 'set-mic-muted', muted: true });
      if (plan.globalToggle) register(plan.globalToggle);
    },
    watch(contents) {
      contents.on('before-input-event', (event, input) => {
        if (pushToTalk?.onInput(input)) event.preventDefault();
      });
      contents.on('blur', () => pushToTalk?.onBlur());
    },
    dispose: unregister,
  };
}

/**
 * The mute and push-to-talk keys, wired to Electron: the mute key is a
 * global shortcut (toggle); push-to-talk is held through the OS keyboard hook
 * where the platform allows it, and through the window's own key events
 * everywhere (the only way on Wayland, or on macOS without Accessibility).
 * On Wayland global shortcuts go through the desktop's portal.
 */
import { app, globalShortcut, systemPreferences, type WebContents } from 'electron';
import type { CallCommand } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import type { KeyChord } from './accelerator';
import { ChordWatcher, startKeyboardHook, type KeyboardHook } from './keyboard-hook';
import {
  hookFailedMessage,
  onWindowKey,
  planShortcuts,
  PushToTalk,
  pushToTalkReach,
  shortcutUnavailableMessage,
} from './push-to-talk';

export interface ShortcutOptions {
  command(command: CallCommand): void;
  /** Told, in words for the user, when the OS refuses the global shortcut. */
  onUnavailable(message: string): void;
  /** Told, in words for the user, when push-to-talk works only in the focused window. */
  onPushToTalkFocusedOnly(message: string): void;
}

export interface Shortcuts {
  apply(shortcuts: Settings['shortcuts']): void;
  /** Push-to-talk also listens to the key events of this window's page. */
  watch(contents: WebContents): void;
  dispose(): void;
}

const onWayland = () => process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland';

/** Call before `ready`: without this switch Electron cannot register global shortcuts on Wayland. */
export function enableWaylandShortcuts(): void {
  if (onWayland()) app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}

interface Held {
  chord: KeyChord;
  ptt: PushToTalk;
  global: boolean;
}

export function setupShortcuts(options: ShortcutOptions): Shortcuts {
  let registered: string | null = null;
  let applied = '';
  let held: Held | null = null;
  let watcher: ChordWatcher | null = null;
  let hook: Promise<KeyboardHook> | null = null;

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
  const stopHook = () => {
    void hook?.then(
      (running) => running.stop(),
      () => undefined,
    );
    hook = null;
    watcher = null;
  };
  const holdGlobally = (current: Held) => {
    const reach = pushToTalkReach({
      wayland: onWayland(),
      // Asks macOS to show its Accessibility prompt the first time.
      accessibilityTrusted:
        process.platform !== 'darwin' || systemPreferences.isTrustedAccessibilityClient(true),
    });
    if (!reach.global) return options.onPushToTalkFocusedOnly(reach.why);
    hook ??= startKeyboardHook((event) => watcher?.onKey(event));
    hook.then(
      (running) => {
        if (held !== current) return;
        watcher = new ChordWatcher(current.chord, running.keys, current.ptt);
        current.global = true;
      },
      (error: unknown) => {
        hook = null;
        options.onPushToTalkFocusedOnly(hookFailedMessage(error));
      },
    );
  };

  return {
    apply(shortcuts) {
      // Settings change for many reasons; re-register only when the shortcuts did.
      const key = JSON.stringify(shortcuts);
      if (key === applied) return;
      applied = key;
      unregister();
      held?.ptt.stop();
      held = null;
      watcher = null;
      const plan = planShortcuts(shortcuts, process.platform);
      register(plan.globalToggle);
      if (!plan.pushToTalk) return stopHook();
      held = { chord: plan.pushToTalk, ptt: new PushToTalk(options.command), global: false };
      // Push-to-talk starts muted: the mic opens only while the key is held.
      options.command({ type: 'set-mic-muted', muted: true });
      holdGlobally(held);
    },
    watch(contents) {
      contents.on('before-input-event', (event, input) => {
        if (held && onWindowKey(held.ptt, held.chord, input)) event.preventDefault();
      });
      // In the window alone, the release is never seen once focus leaves: mute then.
      contents.on('blur', () => {
        if (held && !held.global) held.ptt.release();
      });
    },
    dispose() {
      unregister();
      held?.ptt.stop();
      stopHook();
    },
  };
}

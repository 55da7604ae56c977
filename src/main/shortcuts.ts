/**
 * The mute shortcut: a global shortcut toggles the microphone from anywhere;
 * with push-to-talk on, holding the same keys in Parley's window unmutes
 * until they are released.
 */
import { globalShortcut, type WebContents } from 'electron';
import type { CallCommand } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import { matchesChord, parseAccelerator } from './accelerator';

export interface ShortcutOptions {
  command(command: CallCommand): void;
  /** Told when the OS refuses the shortcut (another app holds it). */
  onUnavailable(accelerator: string): void;
}

export interface Shortcuts {
  apply(shortcuts: Settings['shortcuts']): void;
  /** Push-to-talk listens to the key events of this window's page. */
  watch(contents: WebContents): void;
  dispose(): void;
}

export function setupShortcuts(options: ShortcutOptions): Shortcuts {
  let registered: string | null = null;
  let applied = '';
  let pushToTalk: ReturnType<typeof parseAccelerator> = null;
  let talking = false;

  const unregister = () => {
    if (registered) globalShortcut.unregister(registered);
    registered = null;
  };

  return {
    apply(shortcuts) {
      // Settings change for many reasons; re-register only when the shortcut did.
      const key = JSON.stringify(shortcuts);
      if (key === applied) return;
      applied = key;
      unregister();
      pushToTalk = shortcuts.pushToTalk ? parseAccelerator(shortcuts.toggleMute, process.platform) : null;
      let ok = false;
      try {
        ok = globalShortcut.register(shortcuts.toggleMute, () => options.command({ type: 'toggle-mic' }));
      } catch {
        ok = false; // an accelerator Electron cannot parse
      }
      if (ok) registered = shortcuts.toggleMute;
      else options.onUnavailable(shortcuts.toggleMute);
    },
    watch(contents) {
      contents.on('before-input-event', (event, input) => {
        if (!pushToTalk || !matchesChord(pushToTalk, input)) return;
        event.preventDefault();
        if (input.type === 'keyDown' && !talking) {
          talking = true;
          options.command({ type: 'set-mic-muted', muted: false });
        } else if (input.type === 'keyUp' && talking) {
          talking = false;
          options.command({ type: 'set-mic-muted', muted: true });
        }
      });
    },
    dispose: unregister,
  };
}

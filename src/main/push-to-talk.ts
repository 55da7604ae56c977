/**
 * What the mute key does. Without push-to-talk it is a global shortcut that
 * toggles the mic from anywhere. With push-to-talk it belongs to Parley's
 * window alone: a global hotkey swallows the key-down in every app, this
 * window included, so a hold could never be seen (a global hold needs OS
 * key hooks, see the desktop powers issue). Pure: shortcuts.ts wires it.
 */
import type { CallCommand } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import { matchesChord, parseAccelerator, type KeyChord, type KeyInput } from './accelerator';

export interface ShortcutPlan {
  /** The accelerator to register globally, if any. */
  globalToggle: string | null;
  /** The chord held in the window to talk, if push-to-talk is on. */
  pushToTalk: KeyChord | null;
}

export function planShortcuts(shortcuts: Settings['shortcuts'], platform: NodeJS.Platform): ShortcutPlan {
  if (!shortcuts.pushToTalk) return { globalToggle: shortcuts.toggleMute, pushToTalk: null };
  return { globalToggle: null, pushToTalk: parseAccelerator(shortcuts.toggleMute, platform) };
}

/** One key event as the window sees it. */
export interface WindowKeyInput extends KeyInput {
  type: string;
}

/**
 * Holding the chord unmutes, releasing (or the window losing focus, where
 * the release would never arrive) mutes again. Key repeats are ignored.
 */
export class PushToTalk {
  private talking = false;

  constructor(
    private readonly chord: KeyChord,
    private readonly command: (command: CallCommand) => void,
  ) {}

  /** True when the event was the push-to-talk key (the page should not see it). */
  onInput(input: WindowKeyInput): boolean {
    if (!matchesChord(this.chord, input)) return false;
    if (input.type === 'keyDown' && !this.talking) this.setTalking(true);
    else if (input.type === 'keyUp' && this.talking) this.setTalking(false);
    return true;
  }

  onBlur(): void {
    if (this.talking) this.setTalking(false);
  }

  private setTalking(talking: boolean): void {
    this.talking = talking;
    this.command({ type: 'set-mic-muted', muted: !talking });
  }
}

/** Why the global mute shortcut is missing, in words that fit the desktop. */
export function shortcutUnavailableMessage(accelerator: string, wayland: boolean): string {
  return wayland
    ? `Your desktop did not grant Parley the global mute shortcut ${accelerator} (Wayland asks through its shortcuts portal, which some desktops lack); it still works while Parley's window is focused.`
    : `The mute shortcut ${accelerator} is taken by another app; choose another in Settings.`;
}

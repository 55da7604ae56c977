/**
 * What the mute and push-to-talk keys do. The mute key is a global shortcut
 * that toggles the mic from anywhere. The push-to-talk key is a different
 * key (the settings schema refuses the same one): holding it opens the mic,
 * releasing closes it after a short tail. A global shortcut reports no
 * release, so the hold is seen through an OS keyboard hook (keyboard-hook.ts)
 * or, where there is none, through the window's own key events. Pure:
 * shortcuts.ts wires it.
 */
import type { CallCommand } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import { matchesChord, parseAccelerator, type KeyChord, type KeyInput } from './accelerator';

/** The mic stays open this long after the key is let go, so the last syllable is not cut. */
export const RELEASE_TAIL_MS = 250;

export interface ShortcutPlan {
  /** The accelerator to register globally (the mute toggle). */
  globalToggle: string;
  /** The chord held to talk, if push-to-talk is on. */
  pushToTalk: KeyChord | null;
}

export function planShortcuts(shortcuts: Settings['shortcuts'], platform: NodeJS.Platform): ShortcutPlan {
  return {
    globalToggle: shortcuts.toggleMute,
    pushToTalk: shortcuts.pushToTalk ? parseAccelerator(shortcuts.pushToTalkKey, platform) : null,
  };
}

/** One key event as the window sees it. */
export interface WindowKeyInput extends KeyInput {
  type: string;
}

interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Press opens the mic, release closes it `tailMs` later; a press within the
 * tail keeps it open (key repeat, a quick re-press). Repeated presses and
 * releases change nothing.
 */
export class PushToTalk {
  private talking = false;
  private tail: unknown = null;

  constructor(
    private readonly command: (command: CallCommand) => void,
    private readonly tailMs = RELEASE_TAIL_MS,
    private readonly timers: Timers = { setTimeout, clearTimeout: (handle) => clearTimeout(handle as never) },
  ) {}

  get isTalking(): boolean {
    return this.talking;
  }

  press(): void {
    this.cancelTail();
    if (!this.talking) this.setTalking(true);
  }

  release(): void {
    if (!this.talking || this.tail !== null) return;
    this.tail = this.timers.setTimeout(() => {
      this.tail = null;
      this.setTalking(false);
    }, this.tailMs);
  }

  /** Mutes now (push-to-talk turned off or replaced). */
  stop(): void {
    this.cancelTail();
    if (this.talking) this.setTalking(false);
  }

  private cancelTail(): void {
    if (this.tail === null) return;
    this.timers.clearTimeout(this.tail);
    this.tail = null;
  }

  private setTalking(talking: boolean): void {
    this.talking = talking;
    this.command({ type: 'set-mic-muted', muted: !talking });
  }
}

/**
 * The focused-window fallback: the window's key events drive `ptt`. True when
 * the event was the push-to-talk key (the page should not see it).
 */
export function onWindowKey(ptt: PushToTalk, chord: KeyChord, input: WindowKeyInput): boolean {
  // The key's release ends the hold even if a modifier was let go first.
  const released = input.type === 'keyUp' && matchesChord(chord, { ...input, ...modifiersOf(chord) });
  if (released) ptt.release();
  else if (matchesChord(chord, input) && input.type === 'keyDown') ptt.press();
  return released || matchesChord(chord, input);
}

function modifiersOf(chord: KeyChord): Omit<KeyInput, 'key'> {
  return { control: chord.control, meta: chord.meta, shift: chord.shift, alt: chord.alt };
}

/** Why the global mute shortcut is missing, in words that fit the desktop. */
export function shortcutUnavailableMessage(accelerator: string, wayland: boolean): string {
  return wayland
    ? `Your desktop did not grant Parley the global mute shortcut ${accelerator} (Wayland asks through its shortcuts portal, which some desktops lack); it still works while Parley's window is focused.`
    : `The mute shortcut ${accelerator} is taken by another app; choose another in Settings.`;
}

/** Where the push-to-talk key can be seen: anywhere, or only in Parley's focused window (and why). */
export type PushToTalkReach = { global: true } | { global: false; why: string };

export function pushToTalkReach(options: {
  wayland: boolean;
  /** macOS: Parley may watch the keyboard (Accessibility); true elsewhere. */
  accessibilityTrusted: boolean;
}): PushToTalkReach {
  if (options.wayland)
    return {
      global: false,
      why: 'On Wayland, apps cannot watch the keyboard, so push-to-talk works only while Parley’s window is focused.',
    };
  if (!options.accessibilityTrusted)
    return {
      global: false,
      why: 'To use push-to-talk while Parley is in the background, allow Parley in System Settings › Privacy & Security › Accessibility, then turn push-to-talk off and on again. Until then it works while Parley’s window is focused.',
    };
  return { global: true };
}

/** Why the keyboard hook did not start, and what still works. */
export function hookFailedMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Parley could not watch the keyboard (${reason}), so push-to-talk works only while its window is focused.`;
}

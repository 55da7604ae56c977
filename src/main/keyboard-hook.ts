/**
 * A system-wide view of one key chord's press and release, through
 * uiohook-napi (libuiohook: a low-level keyboard hook on Windows, an event
 * tap on macOS, XRecord on X11). It only listens: every app still gets its
 * keys. No Electron here, so it is tested under Node against a real X server.
 */
import type { UiohookKeyboardEvent } from 'uiohook-napi';
import type { KeyChord } from './accelerator';

/** uiohook's key table: key name → keycode. */
type KeyTable = Readonly<Record<string, number>>;

/** The accelerator key names (lower-cased, as parseAccelerator leaves them) that differ from uiohook's. */
const HOOK_NAMES: Record<string, string> = {
  space: 'Space',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  insert: 'Insert',
  delete: 'Delete',
};

/** uiohook's keycode for an accelerator key ("m", "f8", "num5", "space"), or null. */
export function hookKeycode(key: string, table: KeyTable): number | null {
  const numpad = /^num([0-9])$/.exec(key);
  const name = numpad ? `Numpad${numpad[1]}` : (HOOK_NAMES[key] ?? key.toUpperCase());
  return Object.hasOwn(table, name) ? table[name]! : null;
}

const MODIFIER_KEYS = {
  control: ['Ctrl', 'CtrlRight'],
  shift: ['Shift', 'ShiftRight'],
  alt: ['Alt', 'AltRight'],
  meta: ['Meta', 'MetaRight'],
} as const;

export type HookKeyEvent = Pick<
  UiohookKeyboardEvent,
  'keycode' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'
> & {
  down: boolean;
};

/**
 * Turns the hook's key events into press/release of one chord: the key
 * going down with exactly the chord's modifiers is a press; the key, or one
 * of the chord's modifiers, coming up is a release.
 */
export class ChordWatcher {
  private readonly keycode: number;
  private readonly modifierCodes: Set<number>;

  constructor(
    private readonly chord: KeyChord,
    table: KeyTable,
    private readonly on: { press(): void; release(): void },
  ) {
    const keycode = hookKeycode(chord.key, table);
    if (keycode === null) throw new Error(`The push-to-talk key ${chord.key} cannot be watched system-wide.`);
    this.keycode = keycode;
    const held = (Object.keys(MODIFIER_KEYS) as (keyof typeof MODIFIER_KEYS)[]).filter((name) => chord[name]);
    this.modifierCodes = new Set(held.flatMap((name) => MODIFIER_KEYS[name].map((key) => table[key]!)));
  }

  onKey(event: HookKeyEvent): void {
    if (!event.down) {
      if (event.keycode === this.keycode || this.modifierCodes.has(event.keycode)) this.on.release();
      return;
    }
    const { chord } = this;
    const exact =
      event.ctrlKey === chord.control &&
      event.shiftKey === chord.shift &&
      event.altKey === chord.alt &&
      event.metaKey === chord.meta;
    if (event.keycode === this.keycode && exact) this.on.press();
  }
}

export interface KeyboardHook {
  /** uiohook's key table, for ChordWatcher. */
  keys: KeyTable;
  stop(): void;
}

/**
 * Starts the OS hook and sends it every key event. Rejects, with the reason
 * in words, where it cannot run (no prebuilt binary, no X display).
 */
export async function startKeyboardHook(listener: (event: HookKeyEvent) => void): Promise<KeyboardHook> {
  // Loaded on demand: the native module is needed only with push-to-talk, and a load failure must not stop Parley.
  const { uIOhook, UiohookKey } = await import('uiohook-napi');
  const down = (event: UiohookKeyboardEvent) => listener({ ...event, down: true });
  const up = (event: UiohookKeyboardEvent) => listener({ ...event, down: false });
  uIOhook.on('keydown', down);
  uIOhook.on('keyup', up);
  try {
    uIOhook.start();
  } catch (error) {
    uIOhook.off('keydown', down);
    uIOhook.off('keyup', up);
    throw error;
  }
  return {
    keys: UiohookKey,
    stop() {
      uIOhook.off('keydown', down);
      uIOhook.off('keyup', up);
      uIOhook.stop();
    },
  };
}

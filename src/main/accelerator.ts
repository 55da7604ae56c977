/**
 * Just enough of Electron's accelerator syntax to recognise the mute key in
 * a window's key events, for push-to-talk (global shortcuts only report a
 * press, never the release).
 */

export interface KeyChord {
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** The parts of Electron's Input event we compare. */
export interface KeyInput {
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** Parses "CommandOrControl+Shift+M" for a platform; null for anything it does not understand. */
export function parseAccelerator(accelerator: string, platform: NodeJS.Platform): KeyChord | null {
  const parts = accelerator.split('+').filter(Boolean);
  const key = parts.pop();
  if (!key) return null;
  const chord: KeyChord = { key: key.toLowerCase(), control: false, meta: false, shift: false, alt: false };
  for (const modifier of parts.map((part) => part.toLowerCase())) {
    if (modifier === 'commandorcontrol' || modifier === 'cmdorctrl') {
      if (platform === 'darwin') chord.meta = true;
      else chord.control = true;
    } else if (modifier === 'control' || modifier === 'ctrl') chord.control = true;
    else if (modifier === 'command' || modifier === 'cmd' || modifier === 'super' || modifier === 'meta')
      chord.meta = true;
    else if (modifier === 'shift') chord.shift = true;
    else if (modifier === 'alt' || modifier === 'option') chord.alt = true;
    else return null;
  }
  return chord;
}

/** True when a key event is the chord's key with exactly its modifiers. */
export function matchesChord(chord: KeyChord, input: KeyInput): boolean {
  const key = input.key === ' ' ? 'space' : input.key.toLowerCase();
  return (
    key === chord.key &&
    input.control === chord.control &&
    input.meta === chord.meta &&
    input.shift === chord.shift &&
    input.alt === chord.alt
  );
}

import { describe, expect, it } from 'vitest';
import { matchesChord, parseAccelerator } from './accelerator';

const input = (key: string, mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}) => ({
  key,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('accelerators', () => {
  it('maps CommandOrControl to Cmd on macOS and Ctrl elsewhere', () => {
    expect(parseAccelerator('CommandOrControl+Shift+M', 'darwin')).toEqual({
      key: 'm',
      control: false,
      meta: true,
      shift: true,
      alt: false,
    });
    expect(parseAccelerator('CmdOrCtrl+Shift+M', 'win32')).toMatchObject({ control: true, meta: false });
  });

  it('matches the exact chord only', () => {
    const chord = parseAccelerator('CommandOrControl+Shift+M', 'linux')!;
    expect(matchesChord(chord, input('M', { control: true, shift: true }))).toBe(true);
    expect(matchesChord(chord, input('m', { control: true }))).toBe(false);
    expect(matchesChord(chord, input('m', { control: true, shift: true, alt: true }))).toBe(false);
    expect(matchesChord(chord, input('n', { control: true, shift: true }))).toBe(false);
  });

  it('knows the space bar', () => {
    expect(matchesChord(parseAccelerator('Alt+Space', 'linux')!, input(' ', { alt: true }))).toBe(true);
  });

  it('refuses what it cannot read', () => {
    expect(parseAccelerator('', 'linux')).toBeNull();
    expect(parseAccelerator('Hyper+M', 'linux')).toBeNull();
  });
});

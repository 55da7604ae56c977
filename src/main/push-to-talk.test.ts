import { describe, expect, it, vi } from 'vitest';
import type { CallCommand } from '../shared/ipc';
import { parseAccelerator } from './accelerator';
import {
  hookFailedMessage,
  onWindowKey,
  planShortcuts,
  PushToTalk,
  pushToTalkReach,
  RELEASE_TAIL_MS,
  shortcutUnavailableMessage,
} from './push-to-talk';

const key = (type: string, key = 'm', mods = { control: true, shift: true }) => ({
  type,
  key,
  meta: false,
  alt: false,
  control: mods.control,
  shift: mods.shift,
});

const setup = () => {
  const commands: CallCommand[] = [];
  const ptt = new PushToTalk((command) => commands.push(command));
  return { ptt, commands };
};
const muted = (muted: boolean): CallCommand => ({ type: 'set-mic-muted', muted });

describe('planShortcuts', () => {
  it('keeps the mute toggle global, with or without push-to-talk', () => {
    expect(
      planShortcuts(
        { toggleMute: 'CommandOrControl+Shift+M', pushToTalk: false, pushToTalkKey: 'F8' },
        'linux',
      ),
    ).toEqual({ globalToggle: 'CommandOrControl+Shift+M', pushToTalk: null });
  });

  it('holds push-to-talk on its own key', () => {
    expect(
      planShortcuts(
        { toggleMute: 'CommandOrControl+Shift+M', pushToTalk: true, pushToTalkKey: 'Alt+Space' },
        'darwin',
      ),
    ).toEqual({
      globalToggle: 'CommandOrControl+Shift+M',
      pushToTalk: parseAccelerator('Alt+Space', 'darwin'),
    });
  });
});

describe('PushToTalk', () => {
  it('opens the mic on press and closes it only after the release tail', () => {
    vi.useFakeTimers();
    try {
      const { ptt, commands } = setup();
      ptt.press();
      ptt.press(); // key repeat
      expect(commands).toEqual([muted(false)]);
      ptt.release();
      vi.advanceTimersByTime(RELEASE_TAIL_MS - 1);
      expect(ptt.isTalking).toBe(true);
      vi.advanceTimersByTime(1);
      expect(commands).toEqual([muted(false), muted(true)]);
      expect(ptt.isTalking).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps talking through a re-press within the tail, without a mute in between', () => {
    vi.useFakeTimers();
    try {
      const { ptt, commands } = setup();
      ptt.press();
      ptt.release();
      vi.advanceTimersByTime(RELEASE_TAIL_MS / 2);
      ptt.press();
      vi.advanceTimersByTime(RELEASE_TAIL_MS * 4);
      expect(commands).toEqual([muted(false)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('mutes at once on stop, and a release without a press does nothing', () => {
    const { ptt, commands } = setup();
    ptt.release();
    expect(commands).toEqual([]);
    ptt.press();
    ptt.stop();
    expect(commands).toEqual([muted(false), muted(true)]);
  });
});

describe('onWindowKey (the focused-window fallback)', () => {
  const chord = parseAccelerator('CommandOrControl+Shift+M', 'linux')!;

  it('holds while the chord is down and swallows it, ignores other keys', () => {
    vi.useFakeTimers();
    try {
      const { ptt, commands } = setup();
      expect(onWindowKey(ptt, chord, key('keyDown', 'n'))).toBe(false);
      expect(onWindowKey(ptt, chord, key('keyDown', 'm', { control: true, shift: false }))).toBe(false);
      expect(onWindowKey(ptt, chord, key('keyDown'))).toBe(true);
      // The user lets go of Shift first, then M: the M release still ends the hold.
      expect(onWindowKey(ptt, chord, key('keyUp', 'm', { control: true, shift: false }))).toBe(true);
      vi.runAllTimers();
      expect(commands).toEqual([muted(false), muted(true)]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('pushToTalkReach', () => {
  it('falls back to the focused window on Wayland and on macOS without Accessibility, saying why', () => {
    expect(pushToTalkReach({ wayland: false, accessibilityTrusted: true })).toEqual({ global: true });
    const wayland = pushToTalkReach({ wayland: true, accessibilityTrusted: true });
    expect(wayland.global === false && wayland.why).toMatch(/Wayland.*only while Parley’s window is focused/);
    const mac = pushToTalkReach({ wayland: false, accessibilityTrusted: false });
    expect(mac.global === false && mac.why).toMatch(/Accessibility/);
    expect(hookFailedMessage(new Error('no X display'))).toMatch(/no X display.*focused/);
  });
});

describe('shortcutUnavailableMessage', () => {
  it('does not blame another app on Wayland', () => {
    expect(shortcutUnavailableMessage('Ctrl+M', true)).not.toMatch(/another app/);
    expect(shortcutUnavailableMessage('Ctrl+M', false)).toMatch(/taken by another app/);
  });
});

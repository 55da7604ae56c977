import { describe, expect, it } from 'vitest';
import type { CallCommand } from '../shared/ipc';
import { parseAccelerator } from './accelerator';
import { planShortcuts, PushToTalk, shortcutUnavailableMessage } from './push-to-talk';

const key = (type: string, key = 'm', mods = { control: true, shift: true }) => ({
  type,
  key,
  meta: false,
  alt: false,
  control: mods.control,
  shift: mods.shift,
});

describe('planShortcuts', () => {
  it('registers the mute key globally only without push-to-talk', () => {
    expect(planShortcuts({ toggleMute: 'CommandOrControl+Shift+M', pushToTalk: false }, 'linux')).toEqual({
      globalToggle: 'CommandOrControl+Shift+M',
      pushToTalk: null,
    });
  });

  it('keeps the key in the window with push-to-talk, so the OS does not swallow its key-down', () => {
    expect(planShortcuts({ toggleMute: 'CommandOrControl+Shift+M', pushToTalk: true }, 'linux')).toEqual({
      globalToggle: null,
      pushToTalk: parseAccelerator('CommandOrControl+Shift+M', 'linux'),
    });
  });
});

describe('PushToTalk', () => {
  const setup = () => {
    const commands: CallCommand[] = [];
    const ptt = new PushToTalk(parseAccelerator('CommandOrControl+Shift+M', 'linux')!, (c) =>
      commands.push(c),
    );
    return { ptt, commands };
  };

  it('unmutes while held, mutes on release, ignores key repeats', () => {
    const { ptt, commands } = setup();
    expect(ptt.onInput(key('keyDown'))).toBe(true);
    ptt.onInput(key('keyDown'));
    ptt.onInput(key('keyDown'));
    ptt.onInput(key('keyUp'));
    expect(commands).toEqual([
      { type: 'set-mic-muted', muted: false },
      { type: 'set-mic-muted', muted: true },
    ]);
  });

  it('mutes when the window loses focus mid-hold (the release never comes)', () => {
    const { ptt, commands } = setup();
    ptt.onInput(key('keyDown'));
    ptt.onBlur();
    ptt.onBlur();
    expect(commands.at(-1)).toEqual({ type: 'set-mic-muted', muted: true });
    expect(commands).toHaveLength(2);
  });

  it('leaves other keys to the page', () => {
    const { ptt, commands } = setup();
    expect(ptt.onInput(key('keyDown', 'n'))).toBe(false);
    expect(ptt.onInput(key('keyDown', 'm', { control: true, shift: false }))).toBe(false);
    expect(commands).toEqual([]);
  });
});

describe('shortcutUnavailableMessage', () => {
  it('does not blame another app on Wayland', () => {
    expect(shortcutUnavailableMessage('Ctrl+M', true)).not.toMatch(/another app/);
    expect(shortcutUnavailableMessage('Ctrl+M', false)).toMatch(/taken by another app/);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings';
import {
  displayAccelerator,
  formFromSettings,
  isAccelerator,
  patchFromForm,
  recordAccelerator,
  rebaseForm,
  refusalMessage,
  type KeyPress,
} from './settings-form';

const saved = defaultSettings();
const remote: Settings = settingsSchema.parse({ server: { mode: 'remote', url: 'wss://parley.example/ws' } });

describe('settings → form', () => {
  it('shows the saved settings', () => {
    expect(formFromSettings(saved)).toEqual({
      serverMode: 'embedded',
      allowLan: false,
      remoteUrl: '',
      closeToTray: true,
      callWindowAuto: true,
      toggleMute: 'CommandOrControl+Shift+M',
      pushToTalk: false,
      pushToTalkKey: 'F8',
      language: 'system',
      qualityPreset: 'medium',
      forceRelay: false,
    });
    expect(formFromSettings(remote)).toMatchObject({
      serverMode: 'remote',
      remoteUrl: 'wss://parley.example/ws',
    });
  });

  it('follows changes saved elsewhere while open, except in fields the user edited', () => {
    const form = { ...formFromSettings(saved), closeToTray: false };
    const after = { ...saved, forceRelay: true, closeToTray: true, language: 'en' as const };
    expect(rebaseForm(form, saved, after)).toEqual({
      ...formFromSettings(saved),
      closeToTray: false,
      forceRelay: true,
      language: 'en',
    });
  });
});

describe('form → patch', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchFromForm(formFromSettings(saved), saved)).toEqual({ ok: true, patch: {} });
    expect(patchFromForm(formFromSettings(remote), remote)).toEqual({ ok: true, patch: {} });
  });

  it('sends only the settings that changed, whole', () => {
    const form = {
      ...formFromSettings(saved),
      allowLan: true,
      language: 'zh-CN' as const,
      pushToTalk: true,
      forceRelay: true,
    };
    expect(patchFromForm(form, saved)).toEqual({
      ok: true,
      patch: {
        server: { mode: 'embedded', allowLan: true, port: 47_610 },
        shortcuts: { toggleMute: 'CommandOrControl+Shift+M', pushToTalk: true, pushToTalkKey: 'F8' },
        language: 'zh-CN',
        forceRelay: true,
      },
    });
  });

  it('switches to a remote server, trimming the URL, and back to the embedded one on its default port', () => {
    const toRemote = {
      ...formFromSettings(saved),
      serverMode: 'remote' as const,
      remoteUrl: ' ws://10.0.0.5:47610/ws ',
    };
    expect(patchFromForm(toRemote, saved)).toEqual({
      ok: true,
      patch: { server: { mode: 'remote', url: 'ws://10.0.0.5:47610/ws' } },
    });
    const toEmbedded = { ...formFromSettings(remote), serverMode: 'embedded' as const };
    const result = patchFromForm(toEmbedded, remote);
    expect(result).toEqual({ ok: true, patch: { server: { mode: 'embedded', allowLan: false } } });
    // What main stores once the schema fills in the default port:
    expect(settingsSchema.parse({ ...remote, ...(result.ok ? result.patch : {}) }).server).toEqual({
      mode: 'embedded',
      allowLan: false,
      port: 47_610,
    });
  });

  it('refuses a remote URL the shared schema refuses', () => {
    for (const url of ['', 'parley.example', 'https://parley.example/ws', 'ws://']) {
      const form = { ...formFromSettings(saved), serverMode: 'remote' as const, remoteUrl: url };
      expect(patchFromForm(form, saved), url).toEqual({ ok: false, errors: { remoteUrl: true } });
    }
  });

  it('refuses a push-to-talk key that is the mute shortcut, however it is spelled', () => {
    const form = { ...formFromSettings(saved), pushToTalk: true, pushToTalkKey: 'Shift+CmdOrCtrl+M' };
    expect(patchFromForm(form, saved)).toEqual({ ok: false, errors: { pushToTalkKey: true } });
    const swapped = { ...formFromSettings(saved), toggleMute: 'F8' };
    expect(patchFromForm(swapped, saved)).toEqual({ ok: false, errors: { pushToTalkKey: true } });
    // Main checks the same with the shared schema.
    expect(
      settingsSchema.safeParse({
        shortcuts: { toggleMute: 'Alt+F8', pushToTalk: true, pushToTalkKey: 'Option+F8' },
      }).success,
    ).toBe(false);
  });

  it('refuses a new mute shortcut that is not a usable accelerator, but keeps an old one it cannot judge', () => {
    for (const toggleMute of ['', 'M', 'Shift+M', 'Ctrl+Ctrl+M', 'Hyper+M', 'CommandOrControl+é']) {
      const form = { ...formFromSettings(saved), toggleMute };
      expect(patchFromForm(form, saved), toggleMute).toEqual({ ok: false, errors: { toggleMute: true } });
    }
    const handEdited = settingsSchema.parse({ shortcuts: { toggleMute: 'Ctrl+Shift+m', pushToTalk: false } });
    const form = { ...formFromSettings(handEdited), closeToTray: false };
    expect(patchFromForm(form, handEdited)).toEqual({ ok: true, patch: { closeToTray: false } });
  });

  it('reports every bad field at once', () => {
    const form = {
      ...formFromSettings(saved),
      serverMode: 'remote' as const,
      remoteUrl: 'nope',
      toggleMute: 'M',
    };
    expect(patchFromForm(form, saved)).toEqual({ ok: false, errors: { remoteUrl: true, toggleMute: true } });
  });
});

describe("main's refusals", () => {
  it('show what main said, without the IPC wrapping', () => {
    const fromMain = new Error(
      "Error invoking remote method 'settings:update': IpcRequestError: settings:update: invalid argument: ✖ a ws:// or wss:// URL",
    );
    expect(refusalMessage(fromMain)).toBe('invalid argument: ✖ a ws:// or wss:// URL');
    expect(
      refusalMessage(
        new Error("Error invoking remote method 'settings:update': Error: EACCES: permission denied"),
      ),
    ).toBe('EACCES: permission denied');
  });
});

describe('recording the mute shortcut', () => {
  const press = (code: string, key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
    code,
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...modifiers,
  });

  it('turns Ctrl (Windows, Linux) or Cmd (macOS) into CommandOrControl', () => {
    const ctrlShiftM = press('KeyM', 'M', { ctrlKey: true, shiftKey: true });
    expect(recordAccelerator(ctrlShiftM, false)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+M',
    });
    expect(recordAccelerator(press('KeyM', 'm', { metaKey: true, shiftKey: true }), true)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+M',
    });
    expect(recordAccelerator(press('Digit5', '%', { ctrlKey: true, altKey: true }), true)).toEqual({
      kind: 'accelerator',
      accelerator: 'Control+Alt+5',
    });
    expect(recordAccelerator(press('Space', ' ', { metaKey: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'Super+Space',
    });
  });

  it('uses the physical key, whatever the keyboard layout types', () => {
    expect(recordAccelerator(press('KeyQ', 'a', { altKey: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'Alt+Q',
    });
  });

  it('waits while only modifiers are held', () => {
    expect(recordAccelerator(press('ShiftLeft', 'Shift', { shiftKey: true }), false)).toEqual({
      kind: 'incomplete',
    });
    expect(recordAccelerator(press('ControlLeft', 'Control', { ctrlKey: true }), false)).toEqual({
      kind: 'incomplete',
    });
  });

  it('refuses keys that would swallow typing in every app, and keys without an accelerator name', () => {
    expect(recordAccelerator(press('KeyM', 'm'), false)).toEqual({ kind: 'refused' });
    expect(recordAccelerator(press('KeyM', 'M', { shiftKey: true }), false)).toEqual({ kind: 'refused' });
    expect(recordAccelerator(press('Semicolon', ';', { ctrlKey: true }), false)).toEqual({ kind: 'refused' });
    // A function key alone is fine: nobody types it.
    expect(recordAccelerator(press('F9', 'F9'), false)).toEqual({ kind: 'accelerator', accelerator: 'F9' });
  });

  it('accepts what it records and what main registers by default', () => {
    expect(isAccelerator(saved.shortcuts.toggleMute)).toBe(true);
    expect(isAccelerator('Alt+num4')).toBe(true);
    expect(isAccelerator('CommandOrControl+Shift')).toBe(false);
  });

  it('reads naturally on each platform', () => {
    expect(displayAccelerator('CommandOrControl+Shift+M', false)).toBe('Ctrl+Shift+M');
    expect(displayAccelerator('CommandOrControl+Shift+M', true)).toBe('⌘+Shift+M');
    expect(displayAccelerator('Control+Alt+5', true)).toBe('Ctrl+Alt+5');
  });
});

import { describe, expect, it } from 'vitest';
import type { CallSnapshot, MediaDevice } from '../shared/ipc';
import { buildTrayMenu, trayIconState, type TrayMenuInput, type TrayMenuItem } from './tray-menu-model';

const devices: MediaDevice[] = [
  { deviceId: 'mic-default', kind: 'audioinput', label: 'Default - Built-in Microphone' },
  { deviceId: 'mic-usb', kind: 'audioinput', label: 'USB Headset' },
  { deviceId: 'cam-1', kind: 'videoinput', label: 'FaceTime HD Camera' },
  { deviceId: 'cam-2', kind: 'videoinput', label: '' },
  { deviceId: 'spk-1', kind: 'audiooutput', label: 'Speakers' },
];
const idle: CallSnapshot = { phase: 'idle', micMuted: false, cameraOff: false, sharing: false };
const inCall: CallSnapshot = {
  phase: 'in-call',
  roomId: 'r1',
  micMuted: false,
  cameraOff: false,
  sharing: false,
};

function menu(overrides: Partial<TrayMenuInput> = {}): TrayMenuItem[] {
  return buildTrayMenu({
    devices,
    selected: {},
    effects: { noiseSuppression: false, backgroundBlur: false },
    call: idle,
    inviteUrl: null,
    incoming: null,
    language: 'en',
    ...overrides,
  });
}
function find(items: TrayMenuItem[], id: string): TrayMenuItem {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.type === 'submenu') {
      const found = item.submenu.find((child) => child.id === id);
      if (found) return found;
    }
  }
  throw new Error(`no item ${id}`);
}
function radios(items: TrayMenuItem[], kind: string) {
  const submenu = find(items, kind);
  if (submenu.type !== 'submenu') throw new Error('not a submenu');
  return submenu.submenu
    .filter((item) => item.type !== 'checkbox' && item.type !== 'separator')
    .map((item) => ({
      label: 'label' in item ? item.label : '',
      checked: 'checked' in item ? item.checked : undefined,
    }));
}

describe('tray menu model', () => {
  it('offers each input’s effect in its menu, checked as saved, clicking asks for the other state', () => {
    const items = menu({ effects: { noiseSuppression: true, backgroundBlur: false } });
    const lastOf = (kind: string) => {
      const submenu = find(items, kind);
      return submenu.type === 'submenu' ? submenu.submenu.at(-1) : undefined;
    };
    expect(lastOf('audioinput')).toMatchObject({
      type: 'checkbox',
      label: 'Remove background noise',
      checked: true,
      action: { type: 'command', command: { type: 'set-effect', effect: 'noiseSuppression', on: false } },
    });
    expect(lastOf('videoinput')).toMatchObject({
      type: 'checkbox',
      label: 'Blur my background',
      checked: false,
      action: { type: 'command', command: { type: 'set-effect', effect: 'backgroundBlur', on: true } },
    });
    expect(lastOf('audiooutput')).toMatchObject({ type: 'radio', label: 'Speakers' });
    expect(find(menu({ language: 'zh-CN' }), 'effect:noiseSuppression')).toMatchObject({
      label: '消除背景噪音',
    });
  });

  it('has the sections in the order the user expects', () => {
    expect(menu().map((item) => item.id)).toEqual([
      'audioinput',
      'videoinput',
      'audiooutput',
      'sep-devices',
      'mute-mic',
      'stop-camera',
      'share-screen',
      'copy-invite',
      'sep-app',
      'open',
      'settings',
      'quit',
    ]);
  });

  it('opens the settings dialog from "Settings…", in any call state', () => {
    for (const call of [idle, inCall]) {
      expect(find(menu({ call }), 'settings')).toMatchObject({
        label: 'Settings…',
        enabled: true,
        action: { type: 'open-settings' },
      });
    }
  });

  it('lists each kind of device as radio items, the chosen one checked', () => {
    const items = menu({ selected: { audioinput: 'mic-usb', videoinput: 'cam-2' } });
    expect(radios(items, 'audioinput')).toEqual([
      { label: 'Default - Built-in Microphone', checked: false },
      { label: 'USB Headset', checked: true },
    ]);
    // An unlabelled device (no permission yet) gets a numbered name.
    expect(radios(items, 'videoinput')).toEqual([
      { label: 'FaceTime HD Camera', checked: false },
      { label: 'Camera 2', checked: true },
    ]);
    expect(radios(items, 'audiooutput')).toEqual([{ label: 'Speakers', checked: true }]);
  });

  it('checks the first (system default) device when the chosen one is gone', () => {
    expect(
      radios(menu({ selected: { audioinput: 'unplugged' } }), 'audioinput').map((r) => r.checked),
    ).toEqual([true, false]);
  });

  it('says so when a kind has no device', () => {
    const item = find(menu({ devices: devices.filter((d) => d.kind !== 'videoinput') }), 'videoinput:none');
    expect(item).toMatchObject({ label: 'No camera found', enabled: false });
  });

  it('turns a device pick into a select-device command', () => {
    expect(find(menu(), 'audioinput:mic-usb')).toMatchObject({
      type: 'radio',
      action: {
        type: 'command',
        command: { type: 'select-device', kind: 'audioinput', deviceId: 'mic-usb' },
      },
    });
  });

  it('enables call controls only in a call, and flips them from the current state', () => {
    expect(find(menu(), 'mute-mic')).toMatchObject({ enabled: false, checked: false });
    const muted = menu({ call: { ...inCall, micMuted: true, cameraOff: true } });
    expect(find(muted, 'mute-mic')).toMatchObject({
      enabled: true,
      checked: true,
      action: { type: 'command', command: { type: 'set-mic-muted', muted: false } },
    });
    expect(find(muted, 'stop-camera')).toMatchObject({
      checked: true,
      action: { type: 'command', command: { type: 'set-camera-off', off: false } },
    });
    expect(find(muted, 'leave')).toMatchObject({ action: { type: 'command', command: { type: 'leave' } } });
  });

  it('offers to stop sharing while sharing', () => {
    expect(find(menu({ call: inCall }), 'share-screen')).toMatchObject({
      label: 'Share screen…',
      action: { type: 'command', command: { type: 'start-screen-share' } },
    });
    expect(find(menu({ call: { ...inCall, sharing: true } }), 'share-screen')).toMatchObject({
      label: 'Stop sharing',
      action: { type: 'command', command: { type: 'stop-screen-share' } },
    });
  });

  it('enables Copy invite link only with a link', () => {
    expect(find(menu(), 'copy-invite')).toMatchObject({ enabled: false });
    expect(find(menu({ inviteUrl: 'http://127.0.0.1:47610/?room=r1' }), 'copy-invite')).toMatchObject({
      enabled: true,
    });
  });

  it('shows an incoming call with Accept and Decline on top', () => {
    const items = menu({ incoming: { callId: 'c1', from: 'Grace' } });
    expect(items.slice(0, 3)).toMatchObject([
      { label: 'Incoming call from Grace', enabled: false },
      {
        label: 'Accept',
        action: { type: 'command', command: { type: 'answer-call', callId: 'c1', accept: true } },
      },
      {
        label: 'Decline',
        action: { type: 'command', command: { type: 'answer-call', callId: 'c1', accept: false } },
      },
    ]);
  });

  it('speaks Simplified Chinese', () => {
    const items = menu({ language: 'zh-CN', devices: [] });
    expect(find(items, 'audioinput')).toMatchObject({ label: '麦克风' });
    expect(find(items, 'audioinput:none')).toMatchObject({ label: '未找到麦克风' });
    expect(find(items, 'settings')).toMatchObject({ label: '设置…' });
    expect(find(items, 'quit')).toMatchObject({ label: '退出 Parley' });
  });
});

describe('trayIconState', () => {
  it('picks the icon for the most important state', () => {
    expect(trayIconState(idle)).toBe('idle');
    expect(trayIconState({ ...idle, micMuted: true })).toBe('idle');
    expect(trayIconState(inCall)).toBe('in-call');
    expect(trayIconState({ ...inCall, micMuted: true })).toBe('muted');
    expect(trayIconState({ ...inCall, micMuted: true, sharing: true })).toBe('sharing');
  });
});

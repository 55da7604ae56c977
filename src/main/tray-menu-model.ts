/**
 * The tray menu as plain data, built from the renderer's device list, the
 * chosen devices and the call state. tray.ts turns it into an Electron Menu;
 * keeping it pure lets us test what the user sees without Electron.
 */
import type { CallCommand, CallSnapshot, MediaDevice } from '../shared/ipc';
import type { DeviceChoice, DeviceKind, EffectName, EffectSettings } from '../shared/settings';

export type TrayLanguage = 'en' | 'zh-CN';

/** What clicking an item does; tray.ts dispatches it. */
export type TrayAction =
  | { type: 'command'; command: CallCommand }
  | { type: 'copy-invite' }
  | { type: 'open-window' }
  | { type: 'open-settings' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { type: 'normal'; id: string; label: string; enabled: boolean; action: TrayAction }
  | {
      type: 'checkbox' | 'radio';
      id: string;
      label: string;
      enabled: boolean;
      checked: boolean;
      action: TrayAction;
    }
  | { type: 'submenu'; id: string; label: string; enabled: boolean; submenu: TrayMenuItem[] }
  | { type: 'separator'; id: string };

export interface IncomingCall {
  callId: string;
  from: string;
}

export interface TrayMenuInput {
  devices: readonly MediaDevice[];
  selected: DeviceChoice;
  effects: EffectSettings;
  call: CallSnapshot;
  /** The current call's invite link, when there is one to copy. */
  inviteUrl: string | null;
  incoming: IncomingCall | null;
  language: TrayLanguage;
}

export type TrayIconState = 'idle' | 'in-call' | 'muted' | 'sharing';

const labels = {
  en: {
    audioinput: 'Microphone',
    videoinput: 'Camera',
    audiooutput: 'Speaker',
    none: {
      audioinput: 'No microphone found',
      videoinput: 'No camera found',
      audiooutput: 'No speaker found',
    },
    unnamed: { audioinput: 'Microphone', videoinput: 'Camera', audiooutput: 'Speaker' },
    effects: { noiseSuppression: 'Remove background noise', backgroundBlur: 'Blur my background' },
    mute: 'Mute microphone',
    stopCamera: 'Stop camera',
    share: 'Share screen…',
    stopShare: 'Stop sharing',
    leave: 'Leave call',
    copyInvite: 'Copy invite link',
    open: 'Open Parley',
    settings: 'Settings…',
    quit: 'Quit Parley',
    incoming: (from: string) => `Incoming call from ${from}`,
    accept: 'Accept',
    decline: 'Decline',
    tooltip: {
      idle: 'Parley',
      'in-call': 'Parley: in a call',
      muted: 'Parley: microphone muted',
      sharing: 'Parley: sharing your screen',
    },
  },
  'zh-CN': {
    audioinput: '麦克风',
    videoinput: '摄像头',
    audiooutput: '扬声器',
    none: { audioinput: '未找到麦克风', videoinput: '未找到摄像头', audiooutput: '未找到扬声器' },
    unnamed: { audioinput: '麦克风', videoinput: '摄像头', audiooutput: '扬声器' },
    effects: { noiseSuppression: '消除背景噪音', backgroundBlur: '模糊我的背景' },
    mute: '麦克风静音',
    stopCamera: '关闭摄像头',
    share: '共享屏幕…',
    stopShare: '停止共享',
    leave: '离开通话',
    copyInvite: '复制邀请链接',
    open: '打开 Parley',
    settings: '设置…',
    quit: '退出 Parley',
    incoming: (from: string) => `${from} 来电`,
    accept: '接听',
    decline: '拒绝',
    tooltip: {
      idle: 'Parley',
      'in-call': 'Parley：通话中',
      muted: 'Parley：麦克风已静音',
      sharing: 'Parley：正在共享屏幕',
    },
  },
} as const;

/** The tray icon for a call state: sharing outranks muted, which outranks in-call. */
export function trayIconState(call: CallSnapshot): TrayIconState {
  if (call.phase !== 'in-call') return 'idle';
  if (call.sharing) return 'sharing';
  if (call.micMuted) return 'muted';
  return 'in-call';
}

export function trayTooltip(call: CallSnapshot, language: TrayLanguage): string {
  return labels[language].tooltip[trayIconState(call)];
}

/** Builds the whole tray menu. Item ids are stable so tests and e2e hooks can find them. */
export function buildTrayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const text = labels[input.language];
  const inCall = input.call.phase === 'in-call';
  const items: TrayMenuItem[] = [];

  if (input.incoming) {
    const { callId, from } = input.incoming;
    items.push(
      {
        type: 'normal',
        id: 'incoming',
        label: text.incoming(from),
        enabled: false,
        action: { type: 'open-window' },
      },
      answerItem('accept', text.accept, callId, true),
      answerItem('decline', text.decline, callId, false),
      { type: 'separator', id: 'sep-incoming' },
    );
  }

  items.push(
    deviceSubmenu('audioinput', input),
    deviceSubmenu('videoinput', input),
    deviceSubmenu('audiooutput', input),
    { type: 'separator', id: 'sep-devices' },
    {
      type: 'checkbox',
      id: 'mute-mic',
      label: text.mute,
      enabled: inCall,
      checked: input.call.micMuted,
      action: { type: 'command', command: { type: 'set-mic-muted', muted: !input.call.micMuted } },
    },
    {
      type: 'checkbox',
      id: 'stop-camera',
      label: text.stopCamera,
      enabled: inCall,
      checked: input.call.cameraOff,
      action: { type: 'command', command: { type: 'set-camera-off', off: !input.call.cameraOff } },
    },
    {
      type: 'normal',
      id: 'share-screen',
      label: input.call.sharing ? text.stopShare : text.share,
      enabled: inCall,
      action: {
        type: 'command',
        command: { type: input.call.sharing ? 'stop-screen-share' : 'start-screen-share' },
      },
    },
    {
      type: 'normal',
      id: 'copy-invite',
      label: text.copyInvite,
      enabled: input.inviteUrl !== null,
      action: { type: 'copy-invite' },
    },
  );
  if (inCall) {
    items.push({
      type: 'normal',
      id: 'leave',
      label: text.leave,
      enabled: true,
      action: { type: 'command', command: { type: 'leave' } },
    });
  }
  items.push(
    { type: 'separator', id: 'sep-app' },
    { type: 'normal', id: 'open', label: text.open, enabled: true, action: { type: 'open-window' } },
    {
      type: 'normal',
      id: 'settings',
      label: text.settings,
      enabled: true,
      action: { type: 'open-settings' },
    },
    { type: 'normal', id: 'quit', label: text.quit, enabled: true, action: { type: 'quit' } },
  );
  return items;
}

function answerItem(id: string, label: string, callId: string, accept: boolean): TrayMenuItem {
  return {
    type: 'normal',
    id,
    label,
    enabled: true,
    action: { type: 'command', command: { type: 'answer-call', callId, accept } },
  };
}

/** One radio item per device of `kind`; the chosen one checked (the first, i.e. system default, if none). */
function deviceSubmenu(kind: DeviceKind, input: TrayMenuInput): TrayMenuItem {
  const text = labels[input.language];
  const devices = input.devices.filter((device) => device.kind === kind);
  const chosen = input.selected[kind];
  const checkedId = devices.some((device) => device.deviceId === chosen) ? chosen : devices[0]?.deviceId;
  const submenu: TrayMenuItem[] =
    devices.length === 0
      ? [
          {
            type: 'normal',
            id: `${kind}:none`,
            label: text.none[kind],
            enabled: false,
            action: { type: 'open-window' },
          },
        ]
      : devices.map((device, index) => ({
          type: 'radio',
          id: `${kind}:${device.deviceId}`,
          // Labels are empty until the page has media permission.
          label: device.label.trim() || `${text.unnamed[kind]} ${index + 1}`,
          enabled: true,
          checked: device.deviceId === checkedId,
          action: { type: 'command', command: { type: 'select-device', kind, deviceId: device.deviceId } },
        }));
  const effect = EFFECT_OF_DEVICE[kind];
  if (effect) submenu.push({ type: 'separator', id: `${kind}:sep-effect` }, effectItem(effect, input));
  return { type: 'submenu', id: kind, label: text[kind], enabled: true, submenu };
}

/** The effect each input's menu switches (the speaker has none). */
const EFFECT_OF_DEVICE: Record<DeviceKind, EffectName | null> = {
  audioinput: 'noiseSuppression',
  videoinput: 'backgroundBlur',
  audiooutput: null,
};

function effectItem(effect: EffectName, input: TrayMenuInput): TrayMenuItem {
  const on = input.effects[effect];
  return {
    type: 'checkbox',
    id: `effect:${effect}`,
    label: labels[input.language].effects[effect],
    enabled: true,
    checked: on,
    action: { type: 'command', command: { type: 'set-effect', effect, on: !on } },
  };
}

/** The menu language for a setting: 'system' follows the OS locale (any Chinese → Simplified Chinese). */
export function resolveLanguage(setting: 'system' | TrayLanguage, osLocale: string): TrayLanguage {
  if (setting !== 'system') return setting;
  return osLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Labels main shows outside the menu (notifications). */
export function incomingCallText(language: TrayLanguage, from: string) {
  const text = labels[language];
  return { title: text.incoming(from), accept: text.accept, decline: text.decline };
}

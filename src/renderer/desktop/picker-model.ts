/** What Parley's screen picker shows for one request: screens and windows apart, the first screen preselected. */
import type { ScreenPickRequest, ScreenSource } from '../../shared/ipc';

export interface PickerModel {
  screens: ScreenSource[];
  windows: ScreenSource[];
  initial: string | null;
}

export function pickerModel(request: ScreenPickRequest): PickerModel {
  const screens = request.sources.filter((source) => source.kind === 'screen');
  const windows = request.sources.filter((source) => source.kind === 'window');
  return { screens, windows, initial: (screens[0] ?? windows[0])?.id ?? null };
}

/** The desktop overlay's words (picker and notices), in the renderer's two languages. */
export const pickerText = {
  en: {
    title: 'Share your screen',
    screens: 'Screens',
    windows: 'Windows',
    nothing:
      'Nothing to share: Parley sees no screen or window. On macOS, allow Parley under Screen Recording in System Settings.',
    audio: 'Share sound',
    audioHint:
      'Everything this computer plays goes along, the call too: Parley cannot leave its own sound out here, so the others hear their own voices back unless you mute Parley’s speaker.',
    share: 'Share',
    cancel: 'Cancel',
    dismiss: 'Dismiss',
  },
  zh: {
    title: '共享屏幕',
    screens: '屏幕',
    windows: '窗口',
    nothing:
      '没有可共享的内容：Parley 看不到任何屏幕或窗口。在 macOS 上，请在“系统设置”的“屏幕录制”中允许 Parley。',
    audio: '共享声音',
    audioHint:
      '这台电脑播放的所有声音都会一起共享，包括通话本身：Parley 在这里无法排除自己的声音，因此除非你把 Parley 的扬声器静音，其他人会听到自己的回声。',
    share: '共享',
    cancel: '取消',
    dismiss: '关闭',
  },
} as const;

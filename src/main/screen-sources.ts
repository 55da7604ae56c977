/**
 * Shapes desktopCapturer's sources into what Parley's picker shows, and turns
 * the user's pick back into an answer for getDisplayMedia. Pure: screen-share.ts
 * does the Electron calls.
 */
import type { ScreenChoice, ScreenSource } from '../shared/ipc';

/** The parts of Electron's DesktopCapturerSource we use (NativeImage reduced to two calls). */
export interface CapturerSource {
  id: string;
  name: string;
  thumbnail: ImageLike;
  appIcon: ImageLike | null;
}
interface ImageLike {
  isEmpty(): boolean;
  toDataURL(): string;
}

export interface ShapeOptions {
  /** Media source ids of Parley's own windows: sharing them would mirror the call into itself. */
  ownWindowIds: readonly string[];
}

/**
 * Screens first (named "Screen 1", "Screen 2" when the OS gives no useful
 * name), then windows in the OS's order; windows without a picture
 * (minimised, off-screen) and Parley's own windows are left out.
 */
export function shapeSources(sources: readonly CapturerSource[], options: ShapeOptions): ScreenSource[] {
  const screens = sources.filter((source) => kindOf(source.id) === 'screen');
  const windows = sources.filter(
    (source) =>
      kindOf(source.id) === 'window' &&
      !source.thumbnail.isEmpty() &&
      !options.ownWindowIds.includes(source.id),
  );
  return [
    ...screens.map((source, index) =>
      toScreenSource(source, 'screen', screenName(source.name, index, screens.length)),
    ),
    ...windows.map((source) => toScreenSource(source, 'window', source.name.trim() || 'Untitled window')),
  ];
}

function kindOf(id: string): 'screen' | 'window' | null {
  if (id.startsWith('screen:')) return 'screen';
  if (id.startsWith('window:')) return 'window';
  return null;
}

function screenName(name: string, index: number, count: number): string {
  const trimmed = name.trim();
  // Linux and Windows often report "Entire screen" for every display.
  if (count > 1 && (!trimmed || /^entire screen$/i.test(trimmed))) return `Screen ${index + 1}`;
  return trimmed || 'Entire screen';
}

function toScreenSource(source: CapturerSource, kind: 'screen' | 'window', name: string): ScreenSource {
  return {
    id: source.id,
    name,
    kind,
    thumbnailDataUrl: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
    appIconDataUrl: source.appIcon && !source.appIcon.isEmpty() ? source.appIcon.toDataURL() : null,
  };
}

/** macOS 15 (Darwin 24) has a system picker that also handles its screen-recording consent. */
export function prefersSystemPicker(platform: NodeJS.Platform, osRelease: string): boolean {
  return platform === 'darwin' && Number.parseInt(osRelease, 10) >= 24;
}

export type DisplayMediaAnswer = { videoSourceId: string; loopbackAudio: boolean } | null;

/**
 * The answer for getDisplayMedia from the user's pick: null (cancel) when the
 * user cancelled or picked a source that was not offered.
 */
export function answerFromChoice(
  choice: ScreenChoice,
  offered: readonly ScreenSource[],
  request: { audioRequested: boolean; audioAvailable: boolean },
): DisplayMediaAnswer {
  if (choice.sourceId === null) return null;
  const source = offered.find((candidate) => candidate.id === choice.sourceId);
  if (!source) return null;
  return {
    videoSourceId: source.id,
    loopbackAudio: choice.audio && request.audioRequested && request.audioAvailable,
  };
}

import { describe, expect, it } from 'vitest';
import type { ScreenSource } from '../shared/ipc';
import { answerFromChoice, prefersSystemPicker, shapeSources, type CapturerSource } from './screen-sources';

const image = (data: string) => ({
  isEmpty: () => data === '',
  toDataURL: () => (data ? `data:image/png;base64,${data}` : 'data:,'),
});
const source = (id: string, name: string, thumb = 'T', icon: string | null = null): CapturerSource => ({
  id,
  name,
  thumbnail: image(thumb),
  appIcon: icon === null ? null : image(icon),
});

describe('shapeSources', () => {
  it('puts screens first, names identical screens by number, keeps window order', () => {
    const shaped = shapeSources(
      [
        source('window:11:0', 'Editor', 'E', 'I'),
        source('screen:0:0', 'Entire screen'),
        source('window:12:0', '  Browser  '),
        source('screen:1:0', 'Entire screen'),
      ],
      { ownWindowIds: [] },
    );
    expect(shaped.map(({ id, name, kind }) => ({ id, name, kind }))).toEqual([
      { id: 'screen:0:0', name: 'Screen 1', kind: 'screen' },
      { id: 'screen:1:0', name: 'Screen 2', kind: 'screen' },
      { id: 'window:11:0', name: 'Editor', kind: 'window' },
      { id: 'window:12:0', name: 'Browser', kind: 'window' },
    ]);
    expect(shaped[2]).toMatchObject({
      thumbnailDataUrl: 'data:image/png;base64,E',
      appIconDataUrl: 'data:image/png;base64,I',
    });
    expect(shaped[3]!.appIconDataUrl).toBeNull();
  });

  it('keeps a single screen’s own name', () => {
    expect(
      shapeSources([source('screen:0:0', 'Built-in Retina Display')], { ownWindowIds: [] })[0]!.name,
    ).toBe('Built-in Retina Display');
    expect(shapeSources([source('screen:0:0', '')], { ownWindowIds: [] })[0]!.name).toBe('Entire screen');
  });

  it('leaves out minimised windows, Parley itself and unknown kinds', () => {
    const shaped = shapeSources(
      [
        source('window:1:0', 'Minimised', ''),
        source('window:2:0', 'Parley'),
        source('window:3:0', ''),
        source('webcontents:4', 'A tab'),
      ],
      { ownWindowIds: ['window:2:0'] },
    );
    expect(shaped.map((s) => s.name)).toEqual(['Untitled window']);
  });

  it('treats an empty app icon as none', () => {
    expect(
      shapeSources([source('window:1:0', 'W', 'T', '')], { ownWindowIds: [] })[0]!.appIconDataUrl,
    ).toBeNull();
  });
});

describe('answerFromChoice', () => {
  const offered: ScreenSource[] = [
    { id: 'screen:0:0', name: 'Screen', kind: 'screen', thumbnailDataUrl: '', appIconDataUrl: null },
  ];
  const noLoopback = { audioRequested: true, audioAvailable: false };

  it('answers with the picked source', () => {
    expect(
      answerFromChoice({ requestId: 'r', sourceId: 'screen:0:0', audio: false }, offered, noLoopback),
    ).toEqual({
      videoSourceId: 'screen:0:0',
      loopbackAudio: false,
    });
  });

  it('cancels when the user cancels or names a source that was not offered', () => {
    expect(
      answerFromChoice({ requestId: 'r', sourceId: null, audio: false }, offered, noLoopback),
    ).toBeNull();
    expect(
      answerFromChoice({ requestId: 'r', sourceId: 'window:99:0', audio: false }, offered, noLoopback),
    ).toBeNull();
  });

  it('adds system audio only where the platform can loop it back and the page asked for audio', () => {
    const pick = { requestId: 'r', sourceId: 'screen:0:0', audio: true };
    expect(answerFromChoice(pick, offered, noLoopback)!.loopbackAudio).toBe(false);
    expect(
      answerFromChoice(pick, offered, { audioRequested: true, audioAvailable: true })!.loopbackAudio,
    ).toBe(true);
    expect(
      answerFromChoice(pick, offered, { audioRequested: false, audioAvailable: true })!.loopbackAudio,
    ).toBe(false);
    expect(
      answerFromChoice({ ...pick, audio: false }, offered, { audioRequested: true, audioAvailable: true })!
        .loopbackAudio,
    ).toBe(false);
  });
});

describe('prefersSystemPicker', () => {
  it('is macOS 15 (Darwin 24) and later only', () => {
    expect(prefersSystemPicker('darwin', '24.1.0')).toBe(true);
    expect(prefersSystemPicker('darwin', '25.0.0')).toBe(true);
    expect(prefersSystemPicker('darwin', '23.6.0')).toBe(false);
    expect(prefersSystemPicker('win32', '10.0.22631')).toBe(false);
    expect(prefersSystemPicker('linux', '6.8.0')).toBe(false);
  });
});

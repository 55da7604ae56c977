/**
 * LocalMedia with effects: what the shared stream (preview and senders)
 * holds as effects start, stop, fail, and as devices change under them.
 * Tracks and streams are stand-ins (Node has no media); the effects are
 * processors the test starts and fails at will.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from '../media';
import type { ParleyError } from '../errors';
import { MediaEffects, type TrackProcessor } from './MediaEffects';

let nextId = 0;

class FakeTrack {
  readonly id = `track-${++nextId}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string,
  ) {}
  stop() {
    this.readyState = 'ended';
  }
  getSettings() {
    return { deviceId: `${this.label}-device` };
  }
}

class FakeStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  addTrack(track: FakeTrack) {
    this.tracks.push(track);
  }
  removeTrack(track: FakeTrack) {
    this.tracks.splice(this.tracks.indexOf(track), 1);
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((track) => track.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((track) => track.kind === 'video');
  }
}

/** A noise suppressor the test controls: each start waits for `finish`, and can fail later. */
function controlledEffect() {
  const started: {
    source: FakeTrack;
    finish(): void;
    refuse(error: Error): void;
    failLater(error: Error): void;
    processor: TrackProcessor & { stopped: boolean };
  }[] = [];
  const factory = (source: MediaStreamTrack, onFailure: (error: unknown) => void) =>
    new Promise<TrackProcessor>((resolve, reject) => {
      const track = new FakeTrack('audio', 'denoised');
      const processor = {
        track: track as unknown as MediaStreamTrack,
        stopped: false,
        stop() {
          this.stopped = true;
          track.stop();
        },
      };
      started.push({
        source: source as unknown as FakeTrack,
        finish: () => resolve(processor),
        refuse: reject,
        failLater: onFailure,
        processor,
      });
    });
  return { factory, started };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  let opened = 0;
  const devices = {
    getUserMedia: async (constraints: MediaStreamConstraints) => {
      opened++;
      const tracks = [];
      if (constraints.audio) tracks.push(new FakeTrack('audio', `mic-${opened}`));
      if (constraints.video) tracks.push(new FakeTrack('video', `camera-${opened}`));
      return new FakeStream(tracks);
    },
    enumerateDevices: async () => [],
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  } as unknown as MediaDevices;
  const effect = controlledEffect();
  const media = new LocalMedia(devices, new MediaEffects({ noiseSuppression: effect.factory }));
  const failures: ParleyError[] = [];
  media.on('effectFailed', (error) => failures.push(error));
  const sent = () => media.audioTrack as unknown as FakeTrack | null;
  return { media, effect, failures, sent };
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeStream);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('LocalMedia with noise suppression', () => {
  it('sends the plain microphone until the processed track is ready, then swaps it in; off swaps back', async () => {
    const { media, effect, sent } = setup();
    await media.acquire({ audio: true, video: false });
    const plain = sent()!;
    const swaps: unknown[] = [];
    media.on('tracks', ({ audio }) => swaps.push(audio));

    const switching = media.setEffects({ noiseSuppression: true });
    await flush();
    expect(sent()).toBe(plain);
    expect(effect.started.map((start) => start.source)).toEqual([plain]);
    effect.started[0]!.finish();
    await switching;
    expect(sent()?.label).toBe('denoised');
    expect(plain.readyState).toBe('live');
    expect(media.effectSettings.noiseSuppression).toBe(true);

    await media.setEffects({ noiseSuppression: false });
    expect(sent()).toBe(plain);
    expect(effect.started[0]!.processor.stopped).toBe(true);
    expect(swaps.map((track) => (track as FakeTrack).label)).toEqual(['denoised', plain.label]);
  });

  it('switched off while it loads: the processed track never goes out, and its processor is stopped', async () => {
    const { media, effect, sent } = setup();
    await media.acquire({ audio: true, video: false });
    const plain = sent()!;
    const switching = media.setEffects({ noiseSuppression: true });
    await flush();
    await media.setEffects({ noiseSuppression: false });
    effect.started[0]!.finish();
    await switching;
    expect(sent()).toBe(plain);
    expect(effect.started[0]!.processor.stopped).toBe(true);
  });

  it('one that cannot load leaves the plain microphone, switches itself off and says why', async () => {
    const { media, effect, failures, sent } = setup();
    await media.acquire({ audio: true, video: false });
    const plain = sent()!;
    const switching = media.setEffects({ noiseSuppression: true });
    await flush();
    effect.started[0]!.refuse(new Error('wasm: HTTP 404'));
    await switching;
    expect(sent()).toBe(plain);
    expect(media.effectSettings.noiseSuppression).toBe(false);
    expect(failures.map((error) => [error.code, error.message])).toEqual([
      ['noise_suppression_failed', 'wasm: HTTP 404'],
    ]);
  });

  it('one that fails while running is replaced by the plain microphone', async () => {
    const { media, effect, failures, sent } = setup();
    await media.acquire({ audio: true, video: false });
    const plain = sent()!;
    const switching = media.setEffects({ noiseSuppression: true });
    await flush();
    effect.started[0]!.finish();
    await switching;
    effect.started[0]!.failLater(new Error('The RNNoise worklet failed'));
    await flush();
    expect(sent()).toBe(plain);
    expect(effect.started[0]!.processor.stopped).toBe(true);
    expect(failures.map((error) => error.code)).toEqual(['noise_suppression_failed']);
  });

  it('a new microphone gets the effect too; the old one and its processor stop', async () => {
    const { media, effect, sent } = setup();
    await media.acquire({ audio: true, video: false });
    const first = sent()!;
    const switching = media.setEffects({ noiseSuppression: true });
    await flush();
    effect.started[0]!.finish();
    await switching;

    await media.selectDevice('audioinput', 'other-mic');
    const second = sent()!;
    expect(second.label).toMatch(/^mic-/);
    expect(first.readyState).toBe('ended');
    expect(effect.started[0]!.processor.stopped).toBe(true);
    await flush();
    expect(effect.started[1]!.source).toBe(second);
    effect.started[1]!.finish();
    await flush();
    expect(sent()?.label).toBe('denoised');
    expect(sent()).not.toBe(effect.started[0]!.processor.track);
  });

  it('muting mutes the sent track and the microphone behind it; release stops both', async () => {
    const { media, effect, sent } = setup();
    await media.acquire({ audio: true, video: false });
    const plain = sent()!;
    const switching = media.setEffects({ noiseSuppression: true });
    await flush();
    effect.started[0]!.finish();
    await switching;
    media.setMicMuted(true);
    expect([sent()!.enabled, plain.enabled]).toEqual([false, false]);
    const denoised = sent()!;
    media.release();
    expect([denoised.readyState, plain.readyState]).toEqual(['ended', 'ended']);
    expect(effect.started[0]!.processor.stopped).toBe(true);
  });
});

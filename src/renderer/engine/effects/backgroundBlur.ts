/**
 * Background blur: every camera frame drawn by the Compositor into a new
 * track. Chromium reads and writes frames with insertable streams
 * (MediaStreamTrackProcessor → MediaStreamTrackGenerator); elsewhere
 * (Firefox) a <video> plays the camera and a canvas's captureStream is sent.
 * Either way the output has one frame per camera frame.
 */
import { Compositor, DEFAULT_OUTPUT_HEIGHT, type BlurStats } from './compositor';
import type { TrackProcessor } from './MediaEffects';
import { createSegmenter } from './segmenter';

/** MediaPipe's first start compiles 6 MB of wasm; a machine this slow cannot blur live anyway. */
const LOAD_TIMEOUT_MS = 30_000;

// Chromium's insertable streams for raw video, not in TypeScript's DOM library.
interface TrackProcessorConstructor {
  new (init: { track: MediaStreamTrack }): { readable: ReadableStream<VideoFrame> };
}
interface TrackGeneratorConstructor {
  new (init: { kind: 'video' }): MediaStreamTrack & { writable: WritableStream<VideoFrame> };
}
declare global {
  interface Window {
    MediaStreamTrackProcessor?: TrackProcessorConstructor;
    MediaStreamTrackGenerator?: TrackGeneratorConstructor;
  }
}

/** How the blur runs: its output height (lines), and where it adds up what it costs. */
export interface BlurOptions {
  outputHeight: number;
  stats: BlurStats;
}

/** Blurs the background of `source`; rejects (nothing left running) if segmentation cannot load. */
export async function blurBackground(
  source: MediaStreamTrack,
  onFailure: (error: unknown) => void,
  { outputHeight, stats }: BlurOptions = { outputHeight: DEFAULT_OUTPUT_HEIGHT, stats: newBlurStats() },
): Promise<TrackProcessor> {
  const segmenter = await withTimeout(createSegmenter(), LOAD_TIMEOUT_MS);
  const { MediaStreamTrackProcessor, MediaStreamTrackGenerator } = window;
  if (MediaStreamTrackProcessor && MediaStreamTrackGenerator) {
    const compositor = new Compositor(new OffscreenCanvas(1, 1), segmenter, onFailure, outputHeight, stats);
    return withInsertableStreams(
      source,
      compositor,
      MediaStreamTrackProcessor,
      MediaStreamTrackGenerator,
      onFailure,
    );
  }
  const compositor = new Compositor(
    document.createElement('canvas'),
    segmenter,
    onFailure,
    outputHeight,
    stats,
  );
  return withCanvasCapture(source, compositor);
}

function withInsertableStreams(
  source: MediaStreamTrack,
  compositor: Compositor,
  Processor: TrackProcessorConstructor,
  Generator: TrackGeneratorConstructor,
  onFailure: (error: unknown) => void,
): TrackProcessor {
  const reader = new Processor({ track: source }).readable.getReader();
  const track = new Generator({ kind: 'video' });
  const writer = track.writable.getWriter();
  let stopped = false;
  const pump = async () => {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || stopped) {
        frame?.close();
        return;
      }
      const { displayWidth, displayHeight, timestamp } = frame;
      try {
        compositor.draw(frame, displayWidth, displayHeight);
      } finally {
        frame.close();
      }
      await writer.write(new VideoFrame(compositor.canvas, { timestamp }));
    }
  };
  pump().catch((error: unknown) => {
    if (!stopped) onFailure(error);
  });
  return {
    track,
    stop() {
      stopped = true;
      void reader.cancel().catch(() => undefined);
      void writer.close().catch(() => undefined);
      track.stop();
      compositor.close();
    },
  };
}

async function withCanvasCapture(source: MediaStreamTrack, compositor: Compositor): Promise<TrackProcessor> {
  const canvas = compositor.canvas as HTMLCanvasElement;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([source]);
  await video.play();
  const frameRate = source.getSettings().frameRate ?? 30;
  const [track] = canvas.captureStream(frameRate).getVideoTracks();
  if (!track) throw new Error('The canvas gave no track');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drawNext = () => {
    if (video.videoWidth > 0) compositor.draw(video, video.videoWidth, video.videoHeight);
    timer = setTimeout(drawNext, 1000 / frameRate);
  };
  drawNext();
  return {
    track,
    stop() {
      clearTimeout(timer);
      track.stop();
      video.srcObject = null;
      compositor.close();
    },
  };
}

export function newBlurStats(): BlurStats {
  return { frames: 0, drawMs: 0, segmentations: 0, segmentMs: 0 };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not load in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

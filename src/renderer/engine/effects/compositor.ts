/**
 * Draws one frame with its background blurred: the person (the segmenter's
 * mask) sharp on top of a blurred copy of the whole frame. The blurred copy
 * is drawn at a quarter of the size and scaled up, which costs a fraction of
 * a full-size blur and blurs more. The mask is the latest one: segmentation
 * runs beside the frames at most every SEGMENT_EVERY_MS, less often when it
 * is slow (on the main thread it blocks while it runs), and the output is scaled to at most
 * `outputHeight` lines: the defaults keep 30 fps on this project's 2-core
 * test machine (npm run bench:effects).
 */
import type { Segmenter } from './segmenter';

/** The landscape model's input size: a larger picture only costs time. */
const MASK_WIDTH = 256;
const MASK_HEIGHT = 144;
/** Blur radius at the background's quarter scale (about four times that on the full frame). */
const BLUR_PX = 3;
const BACKGROUND_SCALE = 4;
/** At most 10 masks a second: a mask lags a movement by a tenth of a second or so. */
const SEGMENT_EVERY_MS = 100;
/**
 * Segmentation blocks the main thread while it runs: when it is slow (a busy
 * machine), it runs less often, taking at most a third of the time.
 */
const SEGMENT_SHARE = 1 / 3;
/** Output height unless told otherwise: 640×360 from a 16:9 camera. */
export const DEFAULT_OUTPUT_HEIGHT = 360;

/** What the blur has cost so far, for the bench. */
export interface BlurStats {
  frames: number;
  /** Main-thread time drawing frames (segmentation excluded). */
  drawMs: number;
  segmentations: number;
  /** From each segmentation's start to its mask (it runs on the main thread, partly while frames wait). */
  segmentMs: number;
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function context2d(canvas: HTMLCanvasElement | OffscreenCanvas): Context2D {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas here');
  return context as Context2D;
}

export class Compositor {
  private readonly background = new OffscreenCanvas(1, 1);
  private readonly backgroundContext = context2d(this.background);
  private readonly maskInput = document.createElement('canvas');
  private readonly maskInputContext = context2d(this.maskInput);
  private readonly output: Context2D;
  private mask: CanvasImageSource | null = null;
  private segmenting = false;
  private lastSegmentAt = -Infinity;
  private segmentEveryMs = SEGMENT_EVERY_MS;
  private closed = false;

  constructor(
    readonly canvas: HTMLCanvasElement | OffscreenCanvas,
    private readonly segmenter: Segmenter,
    private readonly onFailure: (error: unknown) => void,
    private readonly outputHeight: number,
    readonly stats: BlurStats,
  ) {
    this.output = context2d(canvas);
    this.maskInput.width = MASK_WIDTH;
    this.maskInput.height = MASK_HEIGHT;
  }

  /** Draws `frame` (its size: width × height) blurred behind the person into the canvas, scaled down to fit. */
  draw(frame: CanvasImageSource, frameWidth: number, frameHeight: number): void {
    const started = performance.now();
    const scale = Math.min(1, this.outputHeight / frameHeight);
    const width = Math.round(frameWidth * scale);
    const height = Math.round(frameHeight * scale);
    this.resize(width, height);
    const { canvas, output, background } = this;
    // The camera frame is converted once, into the output; everything else is drawn from that copy.
    output.globalCompositeOperation = 'copy';
    output.drawImage(frame, 0, 0, width, height);
    this.backgroundContext.filter = `blur(${BLUR_PX}px)`;
    this.backgroundContext.drawImage(canvas, 0, 0, background.width, background.height);
    const drawn = performance.now();
    this.segmentSoon(drawn);
    const segmentStarted = performance.now();
    if (this.mask) {
      // The person: the frame where the mask is opaque.
      output.globalCompositeOperation = 'destination-in';
      output.drawImage(this.mask, 0, 0, width, height);
      output.globalCompositeOperation = 'destination-over';
    }
    // Without a mask yet, all of it is blurred: the background never shows before the first one.
    output.drawImage(background, 0, 0, width, height);
    output.globalCompositeOperation = 'source-over';
    this.stats.frames += 1;
    this.stats.drawMs += drawn - started + (performance.now() - segmentStarted);
  }

  private resize(width: number, height: number): void {
    const { canvas, background } = this;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const small = {
      width: Math.ceil(width / BACKGROUND_SCALE),
      height: Math.ceil(height / BACKGROUND_SCALE),
    };
    if (background.width !== small.width || background.height !== small.height) {
      background.width = small.width;
      background.height = small.height;
    }
  }

  close(): void {
    this.closed = true;
    this.segmenter.close();
  }

  /** Starts segmenting the frame now in the output, unless one is running or the last one was too recent. */
  private segmentSoon(now: number): void {
    if (this.segmenting || this.closed || now - this.lastSegmentAt < this.segmentEveryMs) return;
    this.segmenting = true;
    this.lastSegmentAt = now;
    this.maskInputContext.drawImage(this.canvas, 0, 0, MASK_WIDTH, MASK_HEIGHT);
    this.segmenter.segment(this.maskInput).then(
      (mask) => {
        this.segmenting = false;
        this.stats.segmentations += 1;
        const took = performance.now() - now;
        this.stats.segmentMs += took;
        this.segmentEveryMs = Math.max(SEGMENT_EVERY_MS, took / SEGMENT_SHARE);
        if (this.mask !== mask && this.mask instanceof ImageBitmap) this.mask.close();
        this.mask = mask;
      },
      (error: unknown) => {
        this.segmenting = false;
        if (!this.closed) this.onFailure(error);
      },
    );
  }
}

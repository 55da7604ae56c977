/**
 * Which media effects are on, and the processors that run them: each turns a
 * camera or microphone track (the source) into a processed track that is
 * previewed and sent in its place. LocalMedia does the swapping; this keeps
 * the bookkeeping from a processed track back to its source.
 */
import type { EffectName, EffectSettings } from '../../../shared/settings';
import { blurBackground, newBlurStats, type BlurOptions } from './backgroundBlur';
import { DEFAULT_OUTPUT_HEIGHT } from './compositor';
import { suppressNoise } from './noiseSuppression';

export type { EffectName, EffectSettings };

/** A running effect: `track` replaces the source until `stop()`. */
export interface TrackProcessor {
  readonly track: MediaStreamTrack;
  stop(): void;
}

/**
 * Starts an effect on a source track; rejects if it cannot load. `onFailure` is
 * for a failure after it started (the processed track would carry nothing).
 */
export type ProcessorFactory = (
  source: MediaStreamTrack,
  onFailure: (error: unknown) => void,
) => Promise<TrackProcessor>;

export const EFFECT_OF_KIND = {
  audio: 'noiseSuppression',
  video: 'backgroundBlur',
} as const satisfies Record<'audio' | 'video', EffectName>;

export class MediaEffects {
  settings: EffectSettings = { noiseSuppression: false, backgroundBlur: false };
  /** The blur's output size and its running cost (the bench reads and sets them through the test hook). */
  readonly blur: BlurOptions = { outputHeight: DEFAULT_OUTPUT_HEIGHT, stats: newBlurStats() };
  /** Processed track → its source and processor. */
  private readonly running = new Map<
    MediaStreamTrack,
    { source: MediaStreamTrack; processor: TrackProcessor }
  >();

  constructor(
    private readonly factories: Partial<Record<EffectName, ProcessorFactory>> = {
      noiseSuppression: suppressNoise,
      backgroundBlur: (source, onFailure) => blurBackground(source, onFailure, this.blur),
    },
  ) {}

  /** The effect for this kind of track is switched on (and this build has it). */
  wants(kind: 'audio' | 'video'): boolean {
    const effect = EFFECT_OF_KIND[kind];
    return this.settings[effect] && this.factories[effect] !== undefined;
  }

  /** The camera or microphone track behind `track` (itself when it is not processed). */
  sourceOf(track: MediaStreamTrack): MediaStreamTrack {
    return this.running.get(track)?.source ?? track;
  }

  isProcessed(track: MediaStreamTrack): boolean {
    return this.running.has(track);
  }

  /** Starts the effect for `source`'s kind and returns the processed track. */
  async start(source: MediaStreamTrack, onFailure: (error: unknown) => void): Promise<MediaStreamTrack> {
    const factory = this.factories[EFFECT_OF_KIND[source.kind as 'audio' | 'video']];
    if (!factory) throw new Error(`No effect for ${source.kind}`);
    const processor = await factory(source, onFailure);
    this.running.set(processor.track, { source, processor });
    return processor.track;
  }

  /** Stops the processor behind a processed track (its source goes on). */
  stop(track: MediaStreamTrack): void {
    this.running.get(track)?.processor.stop();
    this.running.delete(track);
  }
}

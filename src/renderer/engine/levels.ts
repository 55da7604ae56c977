/**
 * Audio level meters (WebAudio AnalyserNode) and the loudest speaker.
 * One AudioContext for the whole page: browsers cap how many may exist.
 */

let sharedContext: AudioContext | null = null;

/** The page's one AudioContext, resumed if the browser allows it now. */
export function audioContext(): AudioContext {
  sharedContext ??= new AudioContext();
  // Created before any user gesture it starts suspended; resume when allowed.
  if (sharedContext.state === 'suspended') void sharedContext.resume().catch(() => undefined);
  return sharedContext;
}

export interface LevelMeter {
  /** The current level from the RMS of the last ~20 ms, on a dB scale: 0 at -60 dBFS or below, 1 at full scale. */
  level(): number;
  close(): void;
}

/** Measures the level of one audio track. */
export function createLevelMeter(track: MediaStreamTrack): LevelMeter {
  const context = audioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sumSquares = 0;
      for (const sample of samples) sumSquares += sample * sample;
      return levelFromRms(Math.sqrt(sumSquares / samples.length));
    },
    close() {
      source.disconnect();
      analyser.disconnect();
    },
  };
}

/** Meter position for an RMS amplitude: linear in dB from -60 dBFS (0) to 0 dBFS (1), as meters read. */
export function levelFromRms(rms: number): number {
  if (rms <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60));
}

/** Below this level (-45 dBFS) nobody counts as speaking: room noise after noise suppression. */
export const SPEAKING_THRESHOLD = 0.25;

/** A meter falls back gently instead of jumping to zero between syllables. */
export function decayed(previous: number, current: number, factor = 0.8): number {
  return Math.max(current, previous * factor);
}

/** The id with the highest level above the speaking threshold, or null when all are quiet. */
export function loudestSpeaker(levels: ReadonlyMap<string, number>): string | null {
  let loudest: string | null = null;
  let best = SPEAKING_THRESHOLD;
  for (const [id, level] of levels) {
    if (level > best) {
      best = level;
      loudest = id;
    }
  }
  return loudest;
}

/**
 * Audio level meters (WebAudio AnalyserNode) and the loudest speaker.
 * One AudioContext for the whole page: browsers cap how many may exist.
 */

let sharedContext: AudioContext | null = null;

function audioContext(): AudioContext {
  sharedContext ??= new AudioContext();
  // Created before any user gesture it starts suspended; resume when allowed.
  if (sharedContext.state === 'suspended') void sharedContext.resume().catch(() => undefined);
  return sharedContext;
}

export interface LevelMeter {
  /** The current level, 0 (silence) to 1 (full scale), from the RMS of the last ~20 ms. */
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
      // Scaled so ordinary speech (RMS around 0.05-0.2) fills most of the meter.
      return Math.min(1, Math.sqrt(sumSquares / samples.length) * 4);
    },
    close() {
      source.disconnect();
      analyser.disconnect();
    },
  };
}

/** Below this level nobody counts as speaking. */
export const SPEAKING_THRESHOLD = 0.05;

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

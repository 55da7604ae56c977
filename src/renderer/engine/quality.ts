/**
 * What each link sends, so a mesh call holds at six people: in a mesh every
 * person encodes one camera stream per other person, so the resolution,
 * frame rate and bitrate step down a ladder as the call grows, step down
 * further while the CPU or a link's bandwidth is the limit (from getStats),
 * and favour the active speaker (a step up) and a shared screen (cameras a
 * step down). The user's quality preset stays the ceiling. Each decision
 * carries the reasons a stream is reduced, for the stats panel. From three
 * people on, WebRTC's own adaptation keeps the frame rate and gives up
 * resolution: small tiles stay fluid.
 */
import type { VideoSendParameters } from './PeerLink';
import type { SendSample } from './sendStats';

/** What the camera captures: its size and frame rate. */
export interface CaptureSize {
  width: number;
  height: number;
  frameRate: number;
}

/** The camera's full size: the ladder's and the presets' scales are relative to it. */
export const FULL_CAPTURE: CaptureSize = { width: 1280, height: 720, frameRate: 30 };

/** From the fake or real 720p camera down to 180p; each rung about half the pixels of the one above. */
const LADDER: readonly VideoSendParameters[] = [
  { maxBitrate: 2_500_000, maxFramerate: 30, scaleResolutionDownBy: 1 },
  { maxBitrate: 1_200_000, maxFramerate: 30, scaleResolutionDownBy: 4 / 3 },
  { maxBitrate: 600_000, maxFramerate: 24, scaleResolutionDownBy: 2 },
  { maxBitrate: 350_000, maxFramerate: 20, scaleResolutionDownBy: 8 / 3 },
  { maxBitrate: 200_000, maxFramerate: 15, scaleResolutionDownBy: 4 },
];
const LOWEST = LADDER.length - 1;

/** Samples (one a second) of CPU limitation before stepping down, and of calm before stepping back up. */
const CPU_STEP_DOWN_AFTER = 2;
const CPU_STEP_UP_AFTER = 10;
const MAX_CPU_STEPS = 2;
/** The speaker keeps the favour this long after the last loud sample, so pauses do not flip it. */
const SPEAKER_HOLD_MS = 3_000;
/** WebRTC's audioLevel (0..1, linear) above which someone counts as speaking: about -30 dBFS. */
const SPEAKING_LEVEL = 0.03;
/** Leave headroom under the estimated bandwidth for audio and the estimate's swings. */
const BANDWIDTH_SHARE = 0.8;

export type ReductionReason = 'people' | 'screen' | 'cpu' | 'bandwidth' | 'preset';

export interface QualityContext {
  /** People in the call, ourselves included. */
  people: number;
  /** The user's preset: nothing goes above it. */
  preset: VideoSendParameters;
  /** Someone (we or another) shares a screen. */
  screenShared: boolean;
}

export interface SendQuality {
  parameters: VideoSendParameters;
  /** Why the stream is below the top rung, most important first; empty when it is not reduced. */
  reasons: ReductionReason[];
}

/** What the stats panel shows about one link's outgoing camera: the decision and what actually leaves. */
export interface SendingSummary extends SendQuality {
  width: number | null;
  height: number | null;
  fps: number | null;
}

/**
 * The rung for a call of `people`: 720p for two, 540p for three, 270p at 20 fps from four. On
 * this 2-core machine four people at 360p decode and encode too little of the camera's frames
 * (bench:mesh): small tiles stay fluid rather than sharp.
 */
export function peopleRung(people: number): number {
  if (people <= 2) return 0;
  return people === 3 ? 1 : 3;
}

/** The parameters and reasons for one link, from the call-wide state and this link's bandwidth. */
export function chooseQuality(
  context: QualityContext,
  state: { cpuSteps: number; speaking: boolean },
  availableOutgoingBitrate: number | null,
): SendQuality {
  const reasons: ReductionReason[] = [];
  const byPeople = peopleRung(context.people);
  let rung = byPeople;
  if (byPeople > 0) reasons.push('people');
  if (state.speaking && rung > 0) rung -= 1;
  if (context.screenShared) {
    rung += 1;
    reasons.push('screen');
  }
  if (state.cpuSteps > 0) {
    rung += state.cpuSteps;
    reasons.push('cpu');
  }
  rung = Math.min(LOWEST, rung);
  // Bandwidth picks the size and frame rate, never the bitrate cap: a cap under the estimate would
  // stop the estimate from growing again.
  const bitrateRung = rung;
  if (availableOutgoingBitrate !== null) {
    const budget = availableOutgoingBitrate * BANDWIDTH_SHARE;
    const fitting = LADDER.findIndex((r) => r.maxBitrate <= budget);
    const bandwidthRung = fitting === -1 ? LOWEST : Math.max(rung, fitting);
    if (bandwidthRung > rung) reasons.push('bandwidth');
    rung = bandwidthRung;
  }
  const step = { ...LADDER[rung]!, maxBitrate: LADDER[bitrateRung]!.maxBitrate };
  const { preset } = context;
  const parameters: VideoSendParameters = {
    maxBitrate: Math.min(step.maxBitrate, preset.maxBitrate),
    maxFramerate: Math.min(step.maxFramerate, preset.maxFramerate),
    scaleResolutionDownBy: Math.max(step.scaleResolutionDownBy, preset.scaleResolutionDownBy),
    degradationPreference: context.people > 2 ? 'maintain-framerate' : 'balanced',
  };
  const presetLower =
    parameters.maxBitrate < step.maxBitrate ||
    parameters.maxFramerate < step.maxFramerate ||
    parameters.scaleResolutionDownBy > step.scaleResolutionDownBy;
  if (presetLower) reasons.push('preset');
  return { parameters, reasons };
}

/**
 * The call's quality state across stats rounds: how many rungs the CPU costs, who speaks, and
 * each link's bandwidth estimate. Fed one round of samples a second; read per link any time.
 */
export class CallQuality {
  private cpuSteps = 0;
  private cpuStreak = 0;
  private calmStreak = 0;
  private speakingUntil = -Infinity;
  private now = 0;
  private readonly bandwidth = new Map<string, number | null>();

  /** Takes one stats round (peer id → sample); the CPU counts as the limit if any encoder says so. */
  update(samples: ReadonlyMap<string, SendSample>, now: number): void {
    this.now = now;
    const all = [...samples.values()];
    const cpuLimited = all.some((s) => s.limitation === 'cpu');
    const calm = all.every((s) => s.limitation === 'none' || s.limitation === null);
    this.cpuStreak = cpuLimited ? this.cpuStreak + 1 : 0;
    this.calmStreak = calm ? this.calmStreak + 1 : 0;
    if (this.cpuStreak >= CPU_STEP_DOWN_AFTER && this.cpuSteps < MAX_CPU_STEPS) {
      this.cpuSteps += 1;
      this.cpuStreak = 0;
    } else if (this.calmStreak >= CPU_STEP_UP_AFTER && this.cpuSteps > 0) {
      this.cpuSteps -= 1;
      this.calmStreak = 0;
    }
    if (isLoudest(all)) this.speakingUntil = now + SPEAKER_HOLD_MS;
    this.bandwidth.clear();
    for (const [peerId, sample] of samples) {
      // Only a link the bandwidth actually limits is held to its estimate: an idle link's estimate is low.
      this.bandwidth.set(peerId, sample.limitation === 'bandwidth' ? sample.availableOutgoingBitrate : null);
    }
  }

  /** What to send to one peer now. */
  qualityFor(peerId: string, context: QualityContext): SendQuality {
    const speaking = this.now < this.speakingUntil;
    return chooseQuality(context, { cpuSteps: this.cpuSteps, speaking }, this.bandwidth.get(peerId) ?? null);
  }
}

/** We speak, and louder than anyone we hear. */
function isLoudest(samples: SendSample[]): boolean {
  const own = samples.find((s) => s.localAudioLevel !== null)?.localAudioLevel ?? 0;
  return own > SPEAKING_LEVEL && samples.every((s) => (s.remoteAudioLevel ?? 0) < own);
}

/**
 * What the camera captures for a call of `people`: the size and frame rate of their rung. Every
 * link encodes from the one camera track, so capturing no more than the call sends saves the
 * camera's work and each encoder's own downscale. The speaker's favour then raises the bitrate,
 * not the size, beyond what is captured.
 */
export function captureFor(people: number): CaptureSize {
  const rung = LADDER[peopleRung(people)]!;
  return {
    width: Math.round(FULL_CAPTURE.width / rung.scaleResolutionDownBy),
    height: Math.round(FULL_CAPTURE.height / rung.scaleResolutionDownBy),
    frameRate: rung.maxFramerate,
  };
}

/** The parameters with their scale (relative to the full 720p camera) made relative to what is captured. */
export function relativeToCapture(
  parameters: VideoSendParameters,
  capturedHeight: number,
): VideoSendParameters {
  const scale = (parameters.scaleResolutionDownBy * capturedHeight) / FULL_CAPTURE.height;
  return { ...parameters, scaleResolutionDownBy: Math.max(1, scale) };
}

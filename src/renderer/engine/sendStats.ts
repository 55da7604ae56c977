/**
 * What one link's getStats says about our sending side, for quality
 * decisions (quality.ts) and the stats panel: the camera stream as it leaves
 * (size, frame rate, WebRTC's quality-limitation reason), the bandwidth
 * estimate, and the audio levels that tell who is speaking.
 */

type Limitation = 'none' | 'cpu' | 'bandwidth' | 'other';

export interface SendSample {
  /** Why WebRTC itself holds the camera stream back; null before it is sent. */
  limitation: Limitation | null;
  /** Bits per second, from the selected candidate pair. */
  availableOutgoingBitrate: number | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** Our microphone (0..1, linear), and the loudest audio we receive on this link. */
  localAudioLevel: number | null;
  remoteAudioLevel: number | null;
}

type Stat = RTCStats & Record<string, unknown>;

/** Reads the sample; `cameraTrackId` tells the camera's outbound stream from a screen share's. */
export function readSendSample(report: RTCStatsReport, cameraTrackId: string | null): SendSample {
  const byId = new Map<string, Stat>();
  report.forEach((stat: Stat) => byId.set(stat.id, stat));
  const sample: SendSample = {
    limitation: null,
    availableOutgoingBitrate: null,
    width: null,
    height: null,
    fps: null,
    localAudioLevel: null,
    remoteAudioLevel: null,
  };
  for (const stat of byId.values()) {
    if (stat.type === 'outbound-rtp' && stat.kind === 'video') {
      const source = typeof stat.mediaSourceId === 'string' ? byId.get(stat.mediaSourceId) : undefined;
      if (cameraTrackId !== null && source?.trackIdentifier !== cameraTrackId) continue;
      sample.limitation = limitationOf(stat.qualityLimitationReason);
      sample.width = numberOrNull(stat.frameWidth);
      sample.height = numberOrNull(stat.frameHeight);
      sample.fps = numberOrNull(stat.framesPerSecond);
    } else if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') {
      const pair = byId.get(stat.selectedCandidatePairId);
      sample.availableOutgoingBitrate = numberOrNull(pair?.availableOutgoingBitrate);
    } else if (stat.type === 'media-source' && stat.kind === 'audio') {
      sample.localAudioLevel = numberOrNull(stat.audioLevel);
    } else if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
      const level = numberOrNull(stat.audioLevel);
      if (level !== null) sample.remoteAudioLevel = Math.max(sample.remoteAudioLevel ?? 0, level);
    }
  }
  return sample;
}

function limitationOf(value: unknown): Limitation | null {
  return value === 'none' || value === 'cpu' || value === 'bandwidth' || value === 'other' ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

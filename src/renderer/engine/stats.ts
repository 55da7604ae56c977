/**
 * Per-participant connection statistics from getStats(): round-trip time,
 * loss, bitrate, resolution, frame rate, codec and the candidate type in use.
 * `summarizeStats` is pure: it takes this second's report and the previous
 * counters, so rates come from the difference.
 */

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';
export type ConnectionQuality = 'good' | 'fair' | 'poor' | 'unknown';

/** One received RTP stream, raw counters included (tests assert on them). */
export interface InboundStream {
  kind: 'audio' | 'video';
  trackIdentifier: string;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
}

export interface LinkStats {
  rttMs: number | null;
  /** Inbound packet loss over the last interval, in percent. */
  lossPercent: number | null;
  inboundKbps: number | null;
  outboundKbps: number | null;
  /** Of the remote camera video. */
  width: number | null;
  height: number | null;
  fps: number | null;
  codec: string | null;
  candidateType: CandidateType | null;
  quality: ConnectionQuality;
  inbound: InboundStream[];
}

/** Counters kept between two reports to compute rates. */
export interface StatsCounters {
  at: number;
  bytesIn: number;
  bytesOut: number;
  packetsIn: number;
  packetsLost: number;
}

export const STATS_INTERVAL_MS = 1_000;

export function summarizeStats(
  report: RTCStatsReport,
  previous: StatsCounters | null,
  cameraTrackId: string | null,
): { stats: LinkStats; counters: StatsCounters } {
  const byId = new Map<string, RTCStats>();
  report.forEach((stat: RTCStats) => byId.set(stat.id, stat));

  const inbound: InboundStream[] = [];
  let bytesOut = 0;
  let camera: RTCInboundRtpStreamStats | null = null;
  let pair: RTCIceCandidatePairStats | null = null;
  let at = 0;
  for (const stat of byId.values()) {
    at = Math.max(at, stat.timestamp);
    if (stat.type === 'inbound-rtp') {
      const rtp = stat as RTCInboundRtpStreamStats;
      const kind = rtp.kind === 'audio' ? 'audio' : 'video';
      inbound.push({
        kind,
        trackIdentifier: rtp.trackIdentifier,
        bytesReceived: rtp.bytesReceived ?? 0,
        packetsReceived: rtp.packetsReceived ?? 0,
        packetsLost: rtp.packetsLost ?? 0,
        framesDecoded: rtp.framesDecoded ?? 0,
      });
      if (kind === 'video' && (camera === null || rtp.trackIdentifier === cameraTrackId)) camera = rtp;
    } else if (stat.type === 'outbound-rtp') {
      bytesOut += (stat as RTCOutboundRtpStreamStats).bytesSent ?? 0;
    } else if (stat.type === 'transport') {
      const id = (stat as RTCTransportStats).selectedCandidatePairId;
      const selected = id ? byId.get(id) : undefined;
      if (selected) pair = selected as RTCIceCandidatePairStats;
    }
  }

  const counters: StatsCounters = {
    at,
    bytesIn: sum(inbound.map((s) => s.bytesReceived)),
    bytesOut,
    packetsIn: sum(inbound.map((s) => s.packetsReceived)),
    packetsLost: sum(inbound.map((s) => s.packetsLost)),
  };
  const seconds = previous ? (counters.at - previous.at) / 1000 : 0;
  const rate = (now: number, before: number) =>
    seconds > 0 ? Math.round(((now - before) * 8) / seconds / 1000) : null;
  const lostNow = previous ? counters.packetsLost - previous.packetsLost : 0;
  const receivedNow = previous ? counters.packetsIn - previous.packetsIn : 0;
  const lossPercent =
    previous && lostNow + receivedNow > 0 ? Math.max(0, (100 * lostNow) / (lostNow + receivedNow)) : null;
  const rttMs =
    pair?.currentRoundTripTime !== undefined ? Math.round(pair.currentRoundTripTime * 1000) : null;
  const local = pair
    ? (byId.get(pair.localCandidateId) as { candidateType?: CandidateType } | undefined)
    : undefined;
  const codec = camera?.codecId ? (byId.get(camera.codecId) as { mimeType?: string } | undefined) : undefined;

  return {
    counters,
    stats: {
      rttMs,
      lossPercent: lossPercent === null ? null : Math.round(lossPercent * 10) / 10,
      inboundKbps: previous ? rate(counters.bytesIn, previous.bytesIn) : null,
      outboundKbps: previous ? rate(counters.bytesOut, previous.bytesOut) : null,
      width: camera?.frameWidth ?? null,
      height: camera?.frameHeight ?? null,
      fps: camera?.framesPerSecond ?? null,
      codec: codec?.mimeType?.replace(/^(audio|video)\//, '') ?? null,
      candidateType: local?.candidateType ?? null,
      quality: qualityOf(rttMs, lossPercent),
      inbound,
    },
  };
}

/** Thresholds after common conferencing guidance: < 150 ms and < 2 % loss feel fine. */
export function qualityOf(rttMs: number | null, lossPercent: number | null): ConnectionQuality {
  if (rttMs === null && lossPercent === null) return 'unknown';
  const rtt = rttMs ?? 0;
  const loss = lossPercent ?? 0;
  if (rtt > 400 || loss > 8) return 'poor';
  if (rtt > 150 || loss > 2) return 'fair';
  return 'good';
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

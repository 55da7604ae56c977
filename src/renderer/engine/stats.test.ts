import { describe, expect, it } from 'vitest';
import { qualityOf, summarizeStats } from './stats';

/** A getStats() report as Chromium shapes it, for one video + one audio stream over a host pair. */
function report(
  at: number,
  frames: number,
  videoBytes: number,
  audioBytes: number,
  lost: number,
): RTCStatsReport {
  const stats = [
    { id: 'T', type: 'transport', timestamp: at, selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', timestamp: at, localCandidateId: 'L', currentRoundTripTime: 0.042 },
    { id: 'L', type: 'local-candidate', timestamp: at, candidateType: 'host' },
    { id: 'C', type: 'codec', timestamp: at, mimeType: 'video/VP8' },
    {
      id: 'V',
      type: 'inbound-rtp',
      timestamp: at,
      kind: 'video',
      trackIdentifier: 'cam',
      codecId: 'C',
      bytesReceived: videoBytes,
      packetsReceived: 100 + frames,
      packetsLost: lost,
      framesDecoded: frames,
      frameWidth: 1280,
      frameHeight: 720,
      framesPerSecond: 30,
    },
    {
      id: 'A',
      type: 'inbound-rtp',
      timestamp: at,
      kind: 'audio',
      trackIdentifier: 'mic',
      bytesReceived: audioBytes,
      packetsReceived: 50,
      packetsLost: 0,
    },
    { id: 'O', type: 'outbound-rtp', timestamp: at, bytesSent: videoBytes / 2 },
  ];
  return new Map(stats.map((s) => [s.id, s])) as unknown as RTCStatsReport;
}

describe('summarizeStats', () => {
  it('reads rtt, route, codec and resolution; rates need a previous sample', () => {
    const { stats } = summarizeStats(report(1_000, 10, 100_000, 5_000, 0), null, 'cam');
    expect(stats).toMatchObject({
      rttMs: 42,
      candidateType: 'host',
      codec: 'VP8',
      width: 1280,
      height: 720,
      fps: 30,
      inboundKbps: null,
      lossPercent: null,
      quality: 'good',
    });
    expect(stats.inbound).toEqual([
      {
        kind: 'video',
        trackIdentifier: 'cam',
        bytesReceived: 100_000,
        packetsReceived: 110,
        packetsLost: 0,
        framesDecoded: 10,
      },
      {
        kind: 'audio',
        trackIdentifier: 'mic',
        bytesReceived: 5_000,
        packetsReceived: 50,
        packetsLost: 0,
        framesDecoded: 0,
      },
    ]);
  });

  it('computes bitrate and interval loss from the difference of two samples', () => {
    const first = summarizeStats(report(1_000, 10, 100_000, 5_000, 0), null, 'cam');
    // One second later: +125,000 bytes (1,000 kbit/s), 90 packets in, 10 lost → 10 % loss.
    const { stats } = summarizeStats(report(2_000, 100, 220_000, 10_000, 10), first.counters, 'cam');
    expect(stats.inboundKbps).toBe(1_000);
    expect(stats.outboundKbps).toBe(480);
    expect(stats.lossPercent).toBe(10);
    expect(stats.quality).toBe('poor');
  });
});

describe('qualityOf', () => {
  it('grades by round trip and loss', () => {
    expect(qualityOf(null, null)).toBe('unknown');
    expect(qualityOf(40, 0)).toBe('good');
    expect(qualityOf(200, 0)).toBe('fair');
    expect(qualityOf(40, 5)).toBe('fair');
    expect(qualityOf(500, 0)).toBe('poor');
  });
});

import { describe, expect, it } from 'vitest';
import { QUALITY_PRESETS } from './media';
import {
  CallQuality,
  captureFor,
  chooseQuality,
  FULL_CAPTURE,
  peopleRung,
  relativeToCapture,
  type QualityContext,
} from './quality';
import type { SendSample } from './sendStats';

const high = QUALITY_PRESETS.high;
const call = (people: number, extra: Partial<QualityContext> = {}): QualityContext => ({
  people,
  preset: high,
  screenShared: false,
  ...extra,
});
const calm = { cpuSteps: 0, speaking: false };

function sample(extra: Partial<SendSample> = {}): SendSample {
  return {
    limitation: 'none',
    availableOutgoingBitrate: 5_000_000,
    width: 1280,
    height: 720,
    fps: 30,
    localAudioLevel: 0,
    remoteAudioLevel: 0,
    ...extra,
  };
}

describe('chooseQuality', () => {
  it('sends 720p30 at the preset in a two-person call, reduced for no reason', () => {
    expect(chooseQuality(call(2), calm, null)).toEqual({
      parameters: { ...high, degradationPreference: 'balanced' },
      reasons: [],
    });
  });

  it('steps down to 540p for three people and to 270p at 20 fps from four', () => {
    expect([2, 3, 4, 5, 6].map(peopleRung)).toEqual([0, 1, 3, 3, 3]);
    const four = chooseQuality(call(4), calm, null);
    expect(four.parameters).toEqual({
      maxBitrate: 350_000,
      maxFramerate: 20,
      scaleResolutionDownBy: 8 / 3,
      degradationPreference: 'maintain-framerate',
    });
    expect(four.reasons).toEqual(['people']);
    const six = chooseQuality(call(6), calm, null).parameters;
    expect(six.scaleResolutionDownBy).toBeCloseTo(8 / 3);
    expect(six.maxFramerate).toBe(20);
  });

  it('gives the active speaker one rung more, never above the top', () => {
    const speaking = { cpuSteps: 0, speaking: true };
    expect(chooseQuality(call(3), speaking, null).parameters.scaleResolutionDownBy).toBe(1);
    expect(chooseQuality(call(4), speaking, null).parameters.scaleResolutionDownBy).toBe(2);
    expect(chooseQuality(call(2), speaking, null).parameters.scaleResolutionDownBy).toBe(1);
  });

  it('lowers cameras a rung while a screen is shared, and says so', () => {
    const shared = chooseQuality(call(2, { screenShared: true }), calm, null);
    expect(shared.parameters.scaleResolutionDownBy).toBeCloseTo(4 / 3);
    expect(shared.reasons).toEqual(['screen']);
  });

  it('steps down for a busy CPU, but not below 180p', () => {
    const busy = chooseQuality(call(6), { cpuSteps: 2, speaking: false }, null);
    expect(busy.parameters).toMatchObject({
      maxBitrate: 200_000,
      maxFramerate: 15,
      scaleResolutionDownBy: 4,
    });
    expect(busy.reasons).toEqual(['people', 'cpu']);
  });

  it('fits size and frame rate to the bandwidth estimate, with headroom, but keeps the bitrate cap so the estimate can grow', () => {
    const narrow = chooseQuality(call(2), calm, 800_000);
    expect(narrow.parameters).toMatchObject({
      scaleResolutionDownBy: 2,
      maxFramerate: 24,
      maxBitrate: 2_500_000,
    });
    expect(narrow.reasons).toEqual(['bandwidth']);
    expect(chooseQuality(call(2), calm, 100_000).parameters.scaleResolutionDownBy).toBe(4);
    expect(chooseQuality(call(2), calm, 10_000_000).reasons).toEqual([]);
  });

  it('keeps the frame rate under pressure from three people on, and lets 1:1 calls balance', () => {
    expect(chooseQuality(call(3), calm, null).parameters.degradationPreference).toBe('maintain-framerate');
    expect(chooseQuality(call(2), calm, null).parameters.degradationPreference).toBe('balanced');
  });

  it('keeps the user preset as the ceiling', () => {
    const low = chooseQuality(call(3, { preset: QUALITY_PRESETS.low }), calm, null);
    expect(low.parameters).toMatchObject({ maxBitrate: 300_000, maxFramerate: 15, scaleResolutionDownBy: 2 });
    expect(low.reasons).toEqual(['people', 'preset']);
  });
});

describe('CallQuality', () => {
  const peers = (...samples: SendSample[]) => new Map(samples.map((s, i) => [`p${i}`, s]));

  it('steps down after two CPU-limited seconds on any link, and back up after ten calm ones', () => {
    const quality = new CallQuality();
    const rungOf = () => quality.qualityFor('p0', call(2)).parameters.scaleResolutionDownBy;
    quality.update(peers(sample(), sample({ limitation: 'cpu' })), 0);
    expect(rungOf()).toBe(1);
    quality.update(peers(sample(), sample({ limitation: 'cpu' })), 1_000);
    expect(rungOf()).toBeCloseTo(4 / 3);
    expect(quality.qualityFor('p0', call(2)).reasons).toEqual(['cpu']);
    for (let s = 2; s < 11; s++) quality.update(peers(sample(), sample()), s * 1_000);
    expect(rungOf()).toBeCloseTo(4 / 3);
    quality.update(peers(sample(), sample()), 11_000);
    expect(rungOf()).toBe(1);
  });

  it('holds a link to its bandwidth estimate only while bandwidth is what limits it', () => {
    const quality = new CallQuality();
    quality.update(peers(sample({ availableOutgoingBitrate: 300_000 })), 0);
    expect(quality.qualityFor('p0', call(2)).reasons).toEqual([]);
    quality.update(peers(sample({ limitation: 'bandwidth', availableOutgoingBitrate: 300_000 })), 1_000);
    expect(quality.qualityFor('p0', call(2)).parameters.scaleResolutionDownBy).toBe(4);
  });

  it('favours us while we are the loudest, for three seconds after we stop', () => {
    const quality = new CallQuality();
    const scale = () => quality.qualityFor('p0', call(4)).parameters.scaleResolutionDownBy;
    quality.update(peers(sample({ localAudioLevel: 0.2, remoteAudioLevel: 0.4 })), 0);
    expect(scale()).toBeCloseTo(8 / 3);
    quality.update(peers(sample({ localAudioLevel: 0.2, remoteAudioLevel: 0.01 })), 1_000);
    expect(scale()).toBe(2);
    quality.update(peers(sample()), 3_500);
    expect(scale()).toBe(2);
    quality.update(peers(sample()), 4_500);
    expect(scale()).toBeCloseTo(8 / 3);
  });
});

describe('captureFor and relativeToCapture', () => {
  it('captures the full camera for two, and only the size and rate of the rung from four people', () => {
    expect(captureFor(2)).toEqual(FULL_CAPTURE);
    expect(captureFor(3)).toEqual({ width: 960, height: 540, frameRate: 30 });
    expect(captureFor(4)).toEqual({ width: 480, height: 270, frameRate: 20 });
    expect(captureFor(6)).toEqual(captureFor(4));
  });

  it('turns a scale of the 720p camera into one of what is captured, never upscaling', () => {
    const four = chooseQuality(call(4), calm, null).parameters;
    expect(relativeToCapture(four, 270).scaleResolutionDownBy).toBe(1);
    expect(relativeToCapture(four, 720)).toEqual(four);
    expect(relativeToCapture({ ...four, scaleResolutionDownBy: 4 }, 360).scaleResolutionDownBy).toBe(2);
    const speaker = chooseQuality(call(4), { cpuSteps: 0, speaking: true }, null).parameters;
    expect(relativeToCapture(speaker, 270).scaleResolutionDownBy).toBe(1);
    expect(relativeToCapture(four, 270).maxBitrate).toBe(four.maxBitrate);
  });
});

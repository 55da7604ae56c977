import { describe, expect, it } from 'vitest';
import { decayed, levelFromRms, loudestSpeaker, SPEAKING_THRESHOLD } from './levels';

describe('loudestSpeaker', () => {
  it('picks the highest level above the speaking threshold', () => {
    expect(
      loudestSpeaker(
        new Map([
          ['a', 0.2],
          ['b', 0.6],
          ['c', 0.4],
        ]),
      ),
    ).toBe('b');
  });
  it('is nobody when everyone is quiet', () => {
    expect(loudestSpeaker(new Map([['a', SPEAKING_THRESHOLD / 2]]))).toBeNull();
    expect(loudestSpeaker(new Map())).toBeNull();
  });
});

describe('levelFromRms', () => {
  it('reads in dB: -60 dBFS and below is empty, full scale is full', () => {
    expect(levelFromRms(0)).toBe(0);
    expect(levelFromRms(0.0001)).toBe(0);
    expect(levelFromRms(1)).toBe(1);
    expect(levelFromRms(0.0316)).toBeCloseTo(0.5, 2); // -30 dBFS
  });
  it('falls back gently between syllables', () => {
    expect(decayed(0.5, 0.1)).toBeCloseTo(0.4);
    expect(decayed(0.1, 0.6)).toBe(0.6);
  });
});

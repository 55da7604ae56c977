import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART, restartDelayMs } from './iceRestart';

/** The moments (ms after the link went down) at which one end restarts, until it gives up. */
function tryTimes(polite: boolean): number[] {
  const times: number[] = [];
  let now = 0;
  for (;;) {
    now += restartDelayMs(times.length, now, polite);
    if (now >= DEFAULT_RESTART.giveUpAfterMs) return times;
    times.push(now);
  }
}

describe('ICE restart schedule', () => {
  it('restarts the moment the link goes down on the impolite end, half an interval later on the polite end', () => {
    expect(restartDelayMs(0, 0, false)).toBe(0);
    expect(restartDelayMs(0, 0, true)).toBe(DEFAULT_RESTART.fastIntervalMs / 2);
  });

  it('keeps tries at most 500 ms apart for the first ten seconds, so a returning relay is used within 500 ms', () => {
    const early = tryTimes(false).filter((t) => t < 10_000);
    const gaps = early.slice(1).map((t, i) => t - early[i]!);
    expect(Math.max(...gaps)).toBe(500);
    expect(early).toHaveLength(20);
  });

  it('slows to one try per 2 s after that and gives up after 20 s: no storm', () => {
    const times = tryTimes(false);
    const late = times.filter((t) => t >= 10_000);
    expect(late.slice(1).map((t, i) => t - late[i]!)).toEqual(new Array(late.length - 1).fill(2_000));
    expect(times.length).toBeLessThanOrEqual(26);
    expect(times.at(-1)).toBeLessThan(DEFAULT_RESTART.giveUpAfterMs);
  });

  it('never has both ends try at the same moment', () => {
    const impolite = new Set(tryTimes(false));
    expect(tryTimes(true).filter((t) => impolite.has(t))).toEqual([]);
  });
});

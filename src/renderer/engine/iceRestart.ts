/**
 * When a link that lost its path restarts ICE. A relay or network that comes
 * back is used only from the next restart on, so the tries stay close while
 * the link is down (media returns at most one interval after the path does),
 * slow down once the outage looks long, and stop after a bounded time.
 * Both ends would try at the same moments and collide (an offer each, one
 * rolled back), so the polite end waits half an interval longer: the
 * impolite end leads and the polite end's tries are pushed back by its offers.
 */

export interface RestartPolicy {
  /** Between tries while the outage is young. */
  fastIntervalMs: number;
  /** How long the fast tries go on. */
  fastForMs: number;
  /** Between tries after that. */
  slowIntervalMs: number;
  /** Since the link went down: no try starts later, and the link says `failed`. */
  giveUpAfterMs: number;
}

export const DEFAULT_RESTART: RestartPolicy = {
  fastIntervalMs: 500,
  fastForMs: 10_000,
  slowIntervalMs: 2_000,
  giveUpAfterMs: 20_000,
};

/** How long to wait before the next try, after `tries` tries in an outage `downForMs` old. */
export function restartDelayMs(
  tries: number,
  downForMs: number,
  polite: boolean,
  policy: RestartPolicy = DEFAULT_RESTART,
): number {
  if (tries === 0) return polite ? policy.fastIntervalMs / 2 : 0;
  return downForMs < policy.fastForMs ? policy.fastIntervalMs : policy.slowIntervalMs;
}

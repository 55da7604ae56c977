/**
 * When to ask the server for fresh TURN credentials. TURN REST usernames are
 * `expiry:peerId` (expiry in Unix seconds); a long call renews them once half
 * their lifetime has passed, so ICE restarts and new links never present
 * stale ones.
 */
import type { IceServer } from '../../shared/protocol';

/** The least time between two renewals: a misconfigured, tiny TTL must not hammer the server. */
export const MIN_RENEWAL_DELAY_MS = 30_000;

/** setTimeout fires at once past this (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The earliest expiry (ms since the epoch) among the TURN credentials; null when none expire. */
export function credentialExpiryMs(iceServers: IceServer[]): number | null {
  let earliest: number | null = null;
  for (const { username } of iceServers) {
    const match = username?.match(/^(\d+):/);
    if (!match) continue;
    const expiryMs = Number(match[1]) * 1000;
    earliest = earliest === null ? expiryMs : Math.min(earliest, expiryMs);
  }
  return earliest;
}

/** How long after receiving `iceServers` at `receivedAtMs` to renew them; null when nothing expires. */
export function renewalDelayMs(
  iceServers: IceServer[],
  receivedAtMs: number,
  minDelayMs = MIN_RENEWAL_DELAY_MS,
): number | null {
  const expiryMs = credentialExpiryMs(iceServers);
  if (expiryMs === null) return null;
  const halfLeftMs = (expiryMs - receivedAtMs) / 2;
  return Math.min(Math.max(minDelayMs, halfLeftMs), MAX_TIMER_MS);
}

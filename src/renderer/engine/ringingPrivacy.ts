/**
 * Keeping the callee's address from a caller until the call is accepted, like Signal's "always
 * relay calls": while it rings, the callee's link gathers TURN relay candidates only, so the
 * caller sees the relay's address, never the callee's; on accept the link may use every path.
 * Without a TURN server there is no relay to hide behind, and the link is left as it is.
 */
import type { IceServer } from '../../shared/protocol';

/** Whether `iceServers` offer a TURN relay (a TURN URL with credentials). */
export function offersRelay(iceServers: IceServer[]): boolean {
  return iceServers.some(({ urls, username, credential }) => {
    const list = Array.isArray(urls) ? urls : [urls];
    return username !== undefined && credential !== undefined && list.some((url) => /^turns?:/.test(url));
  });
}

/** Whether a callee's warm link should be relay-only while the call rings. */
export function relayWhileRinging(hideAddress: boolean, iceServers: IceServer[]): boolean {
  return hideAddress && offersRelay(iceServers);
}

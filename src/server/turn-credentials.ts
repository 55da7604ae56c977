/** TURN REST credentials (draft-uberti-behave-turn-rest), as coturn's `use-auth-secret` checks them. */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../shared/protocol';
import type { IceOptions } from './config';

/** base64(HMAC-SHA1(secret, username)). */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** The STUN/TURN list for one peer; TURN credentials expire `turnTtlSeconds` from `nowMs`. */
export function iceServersFor(ice: IceOptions, peerId: string, nowMs = Date.now()): IceServer[] {
  const servers: IceServer[] = [];
  if (ice.stunUrls.length > 0) servers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length > 0 && ice.turnSecret !== undefined) {
    const expiry = Math.floor(nowMs / 1000) + ice.turnTtlSeconds;
    const username = `${expiry}:${peerId}`;
    servers.push({ urls: ice.turnUrls, username, credential: turnCredential(ice.turnSecret, username) });
  }
  return servers;
}

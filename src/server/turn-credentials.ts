/** TURN REST credentials (draft-uberti-behave-turn-rest), as coturn's `use-auth-secret` checks them. */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../shared/protocol';
import type { IceOptions } from './config';
import type { Session } from './session';

/** base64(HMAC-SHA1(secret, username)). */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** The STUN/TURN list for one peer; TURN credentials expire `turnTtlSeconds` from `nowMs`. */
export function iceServersFor(ice: IceOptions, peerId: string, nowMs = Date.now()): IceServer[] {
  const servers = stunServers(ice);
  if (ice.turnUrls.length > 0 && ice.turnSecret !== undefined) {
    const expiry = Math.floor(nowMs / 1000) + ice.turnTtlSeconds;
    const username = `${expiry}:${peerId}`;
    servers.push({ urls: ice.turnUrls, username, credential: turnCredential(ice.turnSecret, username) });
  }
  return servers;
}

function stunServers(ice: IceOptions): IceServer[] {
  return ice.stunUrls.length > 0 ? [{ urls: ice.stunUrls }] : [];
}

/** In a room or a call (placing or being rung): the only peers the relay is for. */
function needsRelay(session: Session): boolean {
  return session.rooms.size > 0 || session.outgoing !== null || session.incoming.length > 0;
}

/**
 * What `session` may have: STUN for anyone, TURN only while it is in a room or call, so the
 * relay is no open proxy for strangers. A credential is reused while more than half its life is
 * left, so asking again and again mints nothing new.
 */
export function iceServersForSession(ice: IceOptions, session: Session, nowMs = Date.now()): IceServer[] {
  if (!needsRelay(session)) return stunServers(ice);
  const halfLifeMs = (ice.turnTtlSeconds * 1000) / 2;
  if (!session.turn || session.turn.expiresAtMs - nowMs <= halfLifeMs) {
    session.turn = {
      servers: iceServersFor(ice, session.peerId, nowMs),
      expiresAtMs: nowMs + ice.turnTtlSeconds * 1000,
    };
  }
  return session.turn.servers;
}

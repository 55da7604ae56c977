/**
 * Ringing for the Redis hub: the same rules as calls.ts (who may be rung, busy, the caps per
 * callee and per caller address), decided atomically in Redis by redis-call-scripts.ts, so the
 * caller and the callee may be on different instances. Ring timeouts end in the hub's sweep.
 */
import type { ServerConfig } from './config';
import { randomId } from './ids';
import { Refusal } from './refusal';
import type { Session } from './session';
import { iceServersFor, iceServersForSession } from './turn-credentials';
import type { Redis } from 'ioredis';

const RING_REFUSALS: Record<string, Refusal> = {
  notfound: new Refusal('peer_not_found', 'That person is not online.'),
  here: new Refusal('rate_limited', 'A call from your network is already ringing this person.'),
  many: new Refusal('rate_limited', 'Too many calls are ringing for this person. Try again in a minute.'),
};
const callEnded = (): Refusal => new Refusal('call_not_found', 'This call has already ended.');

export class RedisCalls {
  constructor(
    private readonly redis: () => Redis,
    private readonly config: ServerConfig,
    private readonly tooManyRooms: () => Refusal,
  ) {}

  async ring(caller: Session, calleeId: string, rid: string | undefined): Promise<void> {
    // Rings per caller address, across every instance: fresh sessions from one place share one allowance.
    const perMinute = this.config.limits.ringsPerMinute;
    if ((await this.redis().parleyTake(`ring:${caller.address}`, perMinute / 60, perMinute)) === 0) {
      throw new Refusal('rate_limited', 'You are calling too often. Wait a minute, then try again.');
    }
    const { limits, ice } = this.config;
    const callId = randomId(12);
    const room = randomId(16);
    caller.outgoing = callId; // placing a call: TURN for its link
    const outcome = await this.redis().parleyRing(
      caller.peerId,
      calleeId,
      callId,
      room,
      caller.address,
      limits.maxRingingPerCallee,
      limits.maxRingingPerCalleeFromAddress,
      limits.maxRoomsPerSession,
      Date.now() + this.config.ringTimeoutMs,
      JSON.stringify(iceServersForSession(ice, caller)),
      JSON.stringify(iceServersFor(ice, calleeId)),
      rid ?? '',
      randomId(16),
    );
    if (outcome === 'ok') {
      caller.rooms.add(room);
      return;
    }
    caller.outgoing = null;
    if (outcome === 'busy') return;
    if (outcome === 'rooms') throw this.tooManyRooms();
    throw RING_REFUSALS[outcome] ?? callEnded();
  }

  async answer(callee: Session, callId: string, accept: boolean, rid: string | undefined): Promise<void> {
    const [outcome, room] = await this.redis().parleyAnswer(
      callee.peerId,
      callId,
      accept ? '1' : '0',
      this.config.limits.maxRoomsPerSession,
      rid ?? '',
      this.config.maxParticipants,
      JSON.stringify(iceServersFor(this.config.ice, callee.peerId)),
    );
    if (outcome === 'ok' && room) callee.rooms.add(room);
    else if (outcome === 'rooms') throw this.tooManyRooms();
    else if (outcome === 'notfound') throw callEnded();
  }

  async cancel(caller: Session, callId: string, rid: string | undefined): Promise<void> {
    if ((await this.redis().parleyCancel(caller.peerId, callId, rid ?? '')) === 0) throw callEnded();
    caller.outgoing = null;
  }
}

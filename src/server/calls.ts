/**
 * Ringing: a call gets its private room at once (caller in it, callee invited,
 * so both can set up ICE and DTLS while it rings) and ends accepted, declined,
 * cancelled, timed out, or busy. Limits keep a caller from flooding anyone with rings.
 */
import { PROTOCOL_VERSION, type CallState, type IceServer } from '../shared/protocol';
import type { Limits } from './config';
import { encode } from './encode';
import { randomId } from './ids';
import { KeyedBuckets } from './rate-limit';
import { Refusal } from './refusal';
import type { Room, RoomRegistry } from './rooms';
import type { Session, SessionRegistry } from './session';

interface Call {
  readonly id: string;
  readonly caller: Session;
  readonly callee: Session;
  readonly room: Room;
  readonly timer: NodeJS.Timeout;
}

export interface CallPolicy {
  ringTimeoutMs: number;
  limits: Limits;
  iceServersFor: (session: Session) => IceServer[];
}

export class CallRegistry {
  private readonly calls = new Map<string, Call>();
  /** Rings per caller address: fresh sessions from one place share one allowance. */
  private readonly ringsByAddress: KeyedBuckets;

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly rooms: RoomRegistry,
    private readonly policy: CallPolicy,
  ) {
    const perMinute = policy.limits.ringsPerMinute;
    this.ringsByAddress = new KeyedBuckets(perMinute / 60, perMinute);
  }

  /** Whether `callId` is a call `session` is being rung for. */
  isRinging(session: Session, callId: string): boolean {
    return this.calls.get(callId)?.callee === session;
  }

  ring(caller: Session, calleeId: string, rid?: string): void {
    const callee = this.sessions.get(calleeId);
    // Only people who listed themselves, or who share a room with the caller, can be rung; to
    // anyone else they are not online (no name, no existence given away).
    if (!callee || callee === caller || !(callee.visible || this.shareRoom(caller, callee))) {
      throw new Refusal('peer_not_found', 'That person is not online.');
    }
    if (!this.ringsByAddress.take(caller.address, Date.now())) {
      throw new Refusal('rate_limited', 'You are calling too often. Wait a minute, then try again.');
    }
    if (caller.outgoing) this.endById(caller.outgoing, 'cancelled');
    const id = randomId(12);
    // Busy means in a call they accepted; calls that merely ring them never make them busy.
    if (this.inAcceptedCall(callee)) {
      this.notify(caller, callee, id, 'busy', randomId(16), rid);
      return;
    }
    // One place (a caller address) cannot fill someone's line by itself.
    const fromHere = callee.incoming.filter(
      (callId) => this.calls.get(callId)?.caller.address === caller.address,
    );
    if (fromHere.length >= this.policy.limits.maxRingingPerCalleeFromAddress) {
      throw new Refusal('rate_limited', 'A call from your network is already ringing this person.');
    }
    if (callee.incoming.length >= this.policy.limits.maxRingingPerCallee) {
      throw new Refusal('rate_limited', 'Too many calls are ringing for this person. Try again in a minute.');
    }
    this.rooms.checkRoomCount(caller);
    const room = this.rooms.create(null);
    const timer = setTimeout(() => this.end(call, 'timeout'), this.policy.ringTimeoutMs);
    const call: Call = { id, caller, callee, room, timer };
    this.calls.set(id, call);
    room.callId = id;
    room.invited = callee;
    room.members.add(caller);
    caller.rooms.add(room.id);
    caller.outgoing = id;
    callee.incoming.push(id);
    this.notify(caller, callee, id, 'ringing', room.id, rid);
    this.notify(callee, caller, id, 'incoming', room.id);
  }

  answer(callee: Session, callId: string, accept: boolean, rid?: string): void {
    const call = this.calls.get(callId);
    if (!call || call.callee !== callee) throw new Refusal('call_not_found', 'This call has already ended.');
    if (!accept) {
      this.end(call, 'declined', rid);
      return;
    }
    this.rooms.checkRoomCount(callee);
    this.forget(call);
    const { caller, room } = call;
    room.invited = null;
    room.callId = null;
    this.notify(caller, callee, call.id, 'accepted', room.id);
    this.notify(callee, caller, call.id, 'accepted', room.id, rid);
    this.rooms.enter(callee, room, undefined);
    // Now in a call: whoever else rings hears busy, as they would ringing now.
    for (const other of [...callee.incoming]) this.endById(other, 'busy');
  }

  cancel(caller: Session, callId: string, rid?: string): void {
    const call = this.calls.get(callId);
    if (!call || call.caller !== caller) throw new Refusal('call_not_found', 'This call has already ended.');
    this.end(call, 'cancelled', rid);
  }

  /** Ends every call `session` rings or is rung for, because it went away. */
  abandon(session: Session): void {
    if (session.outgoing) this.endById(session.outgoing, 'cancelled');
    for (const callId of [...session.incoming]) this.endById(callId, 'cancelled');
  }

  /** Forgets callers that stopped ringing. */
  sweep(now: number): void {
    this.ringsByAddress.sweep(now);
  }

  private endById(callId: string, state: CallState): void {
    const call = this.calls.get(callId);
    if (call) this.end(call, state);
  }

  /** Tells both parties how the call ended and tears its room down; `rid` answers the party who ended it. */
  private end(call: Call, state: CallState, rid?: string): void {
    this.forget(call);
    const { caller, callee, room } = call;
    this.rooms.detach(caller, room);
    this.rooms.delete(room);
    this.notify(caller, callee, call.id, state, room.id, state === 'cancelled' ? rid : undefined);
    this.notify(callee, caller, call.id, state, room.id, state === 'declined' ? rid : undefined);
  }

  private forget(call: Call): void {
    clearTimeout(call.timer);
    this.calls.delete(call.id);
    if (call.caller.outgoing === call.id) call.caller.outgoing = null;
    call.callee.incoming = call.callee.incoming.filter((id) => id !== call.id);
  }

  private shareRoom(a: Session, b: Session): boolean {
    for (const roomId of a.rooms) if (this.rooms.get(roomId)?.members.has(b)) return true;
    return false;
  }

  private inAcceptedCall(session: Session): boolean {
    for (const roomId of session.rooms) if ((this.rooms.get(roomId)?.members.size ?? 0) > 1) return true;
    return false;
  }

  /** Tells `to` the call with `other` is now in `state`. */
  private notify(
    to: Session,
    other: Session,
    callId: string,
    state: CallState,
    room: string,
    rid?: string,
  ): void {
    // Ringing and incoming carry TURN: each side sets up its transport while it rings.
    const iceServers =
      state === 'ringing' || state === 'incoming' ? this.policy.iceServersFor(to) : undefined;
    to.send(
      encode({ v: PROTOCOL_VERSION, type: 'call', rid, callId, state, peer: other.peer, room, iceServers }),
    );
  }
}

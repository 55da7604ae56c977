/**
 * Ringing: a call gets its private room at once (caller in it, callee invited,
 * so both can set up ICE and DTLS while it rings) and ends accepted, declined,
 * cancelled, timed out, or busy.
 */
import { PROTOCOL_VERSION, type CallState } from '../shared/protocol';
import { encode } from './encode';
import { randomId } from './ids';
import { Refusal } from './refusal';
import type { Room, RoomRegistry } from './rooms';
import type { Session, SessionRegistry } from './session';

export interface Call {
  readonly id: string;
  readonly caller: Session;
  readonly callee: Session;
  readonly room: Room;
  readonly timer: NodeJS.Timeout;
}

export class CallRegistry {
  private readonly calls = new Map<string, Call>();

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly rooms: RoomRegistry,
    private readonly ringTimeoutMs: number,
  ) {}

  ring(caller: Session, calleeId: string, rid?: string): void {
    const callee = this.sessions.get(calleeId);
    if (!callee || callee === caller) throw new Refusal('peer_not_found', 'That person is not online.');
    if (caller.call) this.end(caller.call, 'cancelled');
    const id = randomId(12);
    if (callee.inCall()) {
      caller.send(this.message(id, 'busy', callee, randomId(16), rid));
      return;
    }
    const room = this.rooms.create();
    const timer = setTimeout(() => this.end(call, 'timeout'), this.ringTimeoutMs);
    const call: Call = { id, caller, callee, room, timer };
    this.calls.set(id, call);
    room.call = call;
    room.invited = callee;
    room.members.push(caller);
    caller.rooms.push(room);
    caller.call = call;
    callee.call = call;
    caller.send(this.message(id, 'ringing', callee, room.id, rid));
    callee.send(this.message(id, 'incoming', caller, room.id));
  }

  answer(callee: Session, callId: string, accept: boolean, rid?: string): void {
    const call = this.calls.get(callId);
    if (!call || call.callee !== callee) throw new Refusal('call_not_found', 'This call has already ended.');
    if (!accept) {
      this.end(call, 'declined', rid);
      return;
    }
    this.forget(call);
    const { caller, room } = call;
    room.invited = null;
    room.call = null;
    caller.send(this.message(call.id, 'accepted', callee, room.id));
    callee.send(this.message(call.id, 'accepted', caller, room.id, rid));
    this.rooms.join(callee, room.id, undefined);
  }

  cancel(caller: Session, callId: string, rid?: string): void {
    const call = this.calls.get(callId);
    if (!call || call.caller !== caller) throw new Refusal('call_not_found', 'This call has already ended.');
    this.end(call, 'cancelled', rid);
  }

  /** Ends any call `session` rings or is rung for, because it went away. */
  abandon(session: Session): void {
    if (session.call) this.end(session.call, 'cancelled');
  }

  /** Tells both parties how the call ended and tears its room down; `rid` answers the party who ended it. */
  private end(call: Call, state: CallState, rid?: string): void {
    this.forget(call);
    const { caller, callee, room } = call;
    this.rooms.detach(caller, room);
    this.rooms.delete(room);
    caller.send(this.message(call.id, state, callee, room.id, state === 'cancelled' ? rid : undefined));
    callee.send(this.message(call.id, state, caller, room.id, state === 'declined' ? rid : undefined));
  }

  private forget(call: Call): void {
    clearTimeout(call.timer);
    this.calls.delete(call.id);
    call.caller.call = null;
    call.callee.call = null;
  }

  private message(callId: string, state: CallState, other: Session, room: string, rid?: string): string {
    return encode({ v: PROTOCOL_VERSION, type: 'call', rid, callId, state, peer: other.peer, room });
  }
}

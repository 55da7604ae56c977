/** Rooms: membership, passwords, capacity, and the joined/left events members see. */
import { PROTOCOL_VERSION, type Peer } from '../shared/protocol';
import type { Call } from './calls';
import { encode } from './encode';
import { randomId } from './ids';
import { Refusal } from './refusal';
import { hashPassword, passwordMatches, type PasswordHash } from './room-password';
import type { Session } from './session';

export type LeaveReason = 'left' | 'disconnected' | 'timeout';

export class Room {
  readonly members: Session[] = [];
  /** The callee while a call rings: may exchange signals with the caller, not yet a member. */
  invited: Session | null = null;
  /** The ringing call this room was made for. */
  call: Call | null = null;

  constructor(
    readonly id: string,
    readonly password: PasswordHash | null,
  ) {}

  /** Members and the invited callee may signal one another. */
  admits(session: Session): boolean {
    return this.invited === session || this.members.includes(session);
  }

  peersExcept(session: Session): Peer[] {
    const peers: Peer[] = [];
    for (const member of this.members) if (member !== session) peers.push(member.peer);
    return peers;
  }

  broadcast(text: string, except: Session): void {
    for (const member of this.members) if (member !== except) member.send(text);
  }
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(readonly maxParticipants: number) {}

  get(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** A new room with an unguessable id. */
  create(password?: string): Room {
    let id = randomId(16);
    while (this.rooms.has(id)) id = randomId(16);
    return this.restore(id, password === undefined ? null : hashPassword(password));
  }

  restore(id: string, password: PasswordHash | null): Room {
    const room = new Room(id, password);
    this.rooms.set(id, room);
    return room;
  }

  /** Joins (creating the room when new); the joiner gets `joined`, the others `peer-joined`. */
  join(session: Session, roomId: string | undefined, password: string | undefined, rid?: string): void {
    const existing = roomId === undefined ? undefined : this.rooms.get(roomId);
    const room =
      existing ?? (roomId === undefined ? this.create(password) : this.createNamed(roomId, password));
    if (existing && !existing.members.includes(session)) {
      if (existing.password && !passwordMatches(existing.password, password ?? '')) {
        throw new Refusal('wrong_password', 'This room needs a different password.');
      }
      const seats = existing.members.length + (existing.invited ? 1 : 0);
      if (seats >= this.maxParticipants) {
        throw new Refusal('room_full', `This room is full (${this.maxParticipants} people at most).`);
      }
    }
    if (!room.members.includes(session)) this.admit(session, room);
    session.send(
      encode({
        v: PROTOCOL_VERSION,
        type: 'joined',
        rid,
        room: room.id,
        members: room.peersExcept(session),
        maxParticipants: this.maxParticipants,
      }),
    );
  }

  /** Makes `session` a member and tells the others. */
  admit(session: Session, room: Room): void {
    room.members.push(session);
    session.rooms.push(room);
    room.broadcast(
      encode({ v: PROTOCOL_VERSION, type: 'peer-joined', room: room.id, peer: session.peer }),
      session,
    );
  }

  /** Removes `session` from `room`, tells the others why, and drops the room once empty. */
  leave(session: Session, room: Room, reason: LeaveReason): void {
    if (!this.detach(session, room)) return;
    room.broadcast(
      encode({ v: PROTOCOL_VERSION, type: 'peer-left', room: room.id, peerId: session.peerId, reason }),
      session,
    );
  }

  /** Removes `session` from `room` without telling anyone; false if it was not a member. */
  detach(session: Session, room: Room): boolean {
    const index = room.members.indexOf(session);
    if (index < 0) return false;
    room.members.splice(index, 1);
    session.rooms.splice(session.rooms.indexOf(room), 1);
    if (room.members.length === 0 && room.invited === null) this.rooms.delete(room.id);
    return true;
  }

  delete(room: Room): void {
    this.rooms.delete(room.id);
  }

  private createNamed(id: string, password: string | undefined): Room {
    return this.restore(id, password === undefined ? null : hashPassword(password));
  }
}

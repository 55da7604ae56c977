/** Rooms: membership, passwords, capacity, and the joined/left events members see. */
import { PROTOCOL_VERSION, type IceServer, type Peer } from '../shared/protocol';
import { encode } from './encode';
import { randomId } from './ids';
import type { PasswordGuard } from './password-guard';
import { Refusal } from './refusal';
import type { PasswordHash } from './room-password';
import type { Session } from './session';

export type LeaveReason = 'left' | 'disconnected' | 'timeout';

export class Room {
  readonly members = new Set<Session>();
  /** The callee while a call rings: may exchange signals with the caller, not yet a member. */
  invited: Session | null = null;
  /** Id of the ringing call this room was made for. */
  callId: string | null = null;

  constructor(
    readonly id: string,
    public password: PasswordHash | null,
    /** Opened by name while members from before a restart may still come back to lock it. */
    public provisional = false,
  ) {}

  /** Members and the invited callee may signal one another. */
  admits(session: Session): boolean {
    return this.invited === session || this.members.has(session);
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

export interface JoinRequest {
  room: string | undefined;
  password: string | undefined;
  /** Coming back after the server forgot us: may lock a provisional room with the password. */
  rejoin: boolean;
  rid: string | undefined;
}

export interface RoomPolicy {
  maxParticipants: number;
  maxRoomsPerSession: number;
  /** Until then (ms since the epoch), rooms opened by name are provisional: a restart's members may lock them. */
  provisionalUntilMs: number;
  /** TURN for a session that is now in a room. */
  iceServersFor: (session: Session) => IceServer[];
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly policy: RoomPolicy,
    private readonly passwords: PasswordGuard,
  ) {}

  get maxParticipants(): number {
    return this.policy.maxParticipants;
  }

  get(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  get size(): number {
    return this.rooms.size;
  }

  /** A new room with an unguessable id, or with a given id (a restart's hand-off). */
  create(password: PasswordHash | null, id?: string): Room {
    let roomId = id ?? randomId(16);
    while (id === undefined && this.rooms.has(roomId)) roomId = randomId(16);
    const room = new Room(roomId, password);
    this.rooms.set(roomId, room);
    return room;
  }

  /**
   * Joins (creating the room when new); the joiner gets `joined`, the others `peer-joined`.
   * A password check runs scrypt off the event loop: everything is checked again after it.
   */
  async join(session: Session, request: JoinRequest): Promise<void> {
    const existing = request.room === undefined ? undefined : this.rooms.get(request.room);
    if (existing?.members.has(session)) return this.sendJoined(session, existing, request.rid);
    this.checkRoomCount(session);
    const room = existing ?? (await this.open(session, request));
    if (!room) return; // the session ended while its password was hashed
    try {
      if (room !== existing && room.members.size === 0)
        this.checkRoomCount(session); // joins raced the hash
      else if (!(await this.mayEnter(session, room, request))) return this.dropIfEmpty(room);
    } catch (refusal) {
      this.dropIfEmpty(room); // one we opened, or one a lock emptied, must not linger
      throw refusal;
    }
    this.enter(session, room, request.rid);
  }

  /** Forgets a room nobody is in or invited to (a refused join may leave one behind). */
  private dropIfEmpty(room: Room): void {
    if (room.members.size === 0 && room.invited === null && this.rooms.get(room.id) === room) {
      this.rooms.delete(room.id);
    }
  }

  /** Makes `session` a member and tells the others. */
  admit(session: Session, room: Room): void {
    room.members.add(session);
    session.rooms.add(room.id);
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
    if (!room.members.delete(session)) return false;
    session.rooms.delete(room.id);
    if (room.members.size === 0 && room.invited === null) this.rooms.delete(room.id);
    return true;
  }

  delete(room: Room): void {
    this.rooms.delete(room.id);
  }

  /** Refuses a session already in as many rooms as one may be. */
  checkRoomCount(session: Session): void {
    if (session.rooms.size >= this.policy.maxRoomsPerSession) {
      throw new Refusal(
        'too_many_rooms',
        `You are in ${this.policy.maxRoomsPerSession} rooms already: leave one first.`,
      );
    }
  }

  private async open(session: Session, request: JoinRequest): Promise<Room | undefined> {
    const hash =
      request.password === undefined ? null : await this.passwords.hash(request.password, session.address);
    if (session.ended) return undefined;
    // Someone else may have opened it while the password was hashed: then join theirs.
    const raced = request.room === undefined ? undefined : this.rooms.get(request.room);
    if (raced) return raced;
    const room = this.create(hash, request.room);
    // Opened by name without a password soon after a cold start: the room's members may still
    // come back with the password it had. Nothing a client says (such as `rejoin`) can make it
    // less so: a stranger could say it too.
    room.provisional =
      request.room !== undefined && hash === null && Date.now() < this.policy.provisionalUntilMs;
    return room;
  }

  /** Checks the password (or locks a provisional room with it); false when the joiner went away meanwhile. */
  private async mayEnter(session: Session, room: Room, request: JoinRequest): Promise<boolean> {
    const { password } = request;
    if (room.password) {
      if (password === undefined)
        throw new Refusal('password_required', 'This room is locked: enter its password.');
      const matches = await this.passwords.verify(room.password, password, session.address, room.id);
      if (session.ended) return false;
      if (this.rooms.get(room.id) !== room) throw new Refusal('not_in_room', 'That room has just closed.');
      if (!matches) throw new Refusal('wrong_password', 'This room needs a different password.');
    } else if (password !== undefined) {
      if (!(request.rejoin && room.provisional && Date.now() < this.policy.provisionalUntilMs)) {
        throw new Refusal('room_not_locked', 'This room has no password: join it without one.');
      }
      const lockedByUs = await this.lock(room, password, session.address);
      if (session.ended) return false;
      // Another member locked it meanwhile: our password is checked against theirs.
      if (!lockedByUs) return this.mayEnter(session, room, request);
    }
    this.checkRoomCount(session); // other joins may have finished while this one awaited
    const seats = room.members.size + (room.invited ? 1 : 0);
    if (seats >= this.policy.maxParticipants) {
      throw new Refusal('room_full', `This room is full (${this.policy.maxParticipants} people at most).`);
    }
    return true;
  }

  /**
   * A member from before a restart came back with the room's password, but someone opened the
   * room without it first: the room takes the password back, and whoever got in without it is
   * put out before the member sees or hears anyone.
   */
  private async lock(room: Room, password: string, address: string): Promise<boolean> {
    const hash = await this.passwords.hash(password, address);
    if (room.password) return false;
    if (this.rooms.get(room.id) !== room) throw new Refusal('not_in_room', 'That room has just closed.');
    room.password = hash;
    room.provisional = false;
    const removed = [...room.members];
    for (const member of removed) {
      this.leave(member, room, 'left');
      member.send(
        encode({
          v: PROTOCOL_VERSION,
          type: 'error',
          code: 'password_required',
          message: 'This room was locked by its members: join it again with its password.',
        }),
      );
      member.send(encode({ v: PROTOCOL_VERSION, type: 'left', room: room.id }));
    }
    this.rooms.set(room.id, room); // the last member out dropped it from the map
    return true;
  }

  /** Enters a room that needs no password (a call's room, on its answer). */
  enter(session: Session, room: Room, rid: string | undefined): void {
    this.admit(session, room);
    this.sendJoined(session, room, rid);
  }

  private sendJoined(session: Session, room: Room, rid: string | undefined): void {
    session.send(
      encode({
        v: PROTOCOL_VERSION,
        type: 'joined',
        rid,
        room: room.id,
        members: room.peersExcept(session),
        maxParticipants: this.policy.maxParticipants,
        iceServers: this.policy.iceServersFor(session),
      }),
    );
  }
}

/**
 * The server's state and what each client message does to it. Sockets stay
 * out of here: a connection hands in validated messages for its session.
 */
import { PROTOCOL_VERSION, type ClientMessage, type ClientMessageType } from '../shared/protocol';
import { CallRegistry } from './calls';
import type { ServerConfig } from './config';
import { Directory } from './directory';
import { encode } from './encode';
import { Refusal } from './refusal';
import { RoomRegistry, type LeaveReason } from './rooms';
import { SessionRegistry, type Outlet, type Session } from './session';
import { iceServersFor } from './turn-credentials';

type MessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
type Handlers = {
  [T in Exclude<ClientMessageType, 'hello'>]: (session: Session, message: MessageOf<T>) => void;
};

export class Hub {
  readonly sessions = new SessionRegistry();
  readonly rooms: RoomRegistry;
  private readonly directory = new Directory();
  private readonly calls: CallRegistry;

  constructor(private readonly config: ServerConfig) {
    this.rooms = new RoomRegistry(config.maxParticipants);
    this.calls = new CallRegistry(this.sessions, this.rooms, config.ringTimeoutMs);
  }

  /** Authenticates a socket: a new session, or the one its resume token names. */
  hello(outlet: Outlet, message: MessageOf<'hello'>): Session {
    const previous =
      message.resumeToken === undefined ? undefined : this.sessions.withToken(message.resumeToken);
    const session = previous ?? this.sessions.create(message.name);
    if (session.graceTimer) clearTimeout(session.graceTimer);
    session.graceTimer = null;
    session.outlet?.release();
    session.outlet = outlet;
    outlet.send(
      encode({
        v: PROTOCOL_VERSION,
        type: 'welcome',
        rid: message.rid,
        peerId: session.peerId,
        resumeToken: session.resumeToken,
        resumed: previous !== undefined,
        iceServers: iceServersFor(this.config.ice, session.peerId),
        rooms: session.rooms.map((room) => ({ room: room.id, members: room.peersExcept(session) })),
      }),
    );
    const held = session.held;
    session.held = [];
    for (const text of held) outlet.send(text);
    return session;
  }

  dispatch(session: Session, message: Exclude<ClientMessage, { type: 'hello' }>): void {
    // The union is checked by the schema; each handler receives its own message type.
    (this.handlers[message.type] as (session: Session, message: ClientMessage) => void)(session, message);
  }

  /**
   * Its socket closed: out of the directory at once, since nobody can ring it until it resumes
   * (and opts in again); this also clears the old entry of a client that reconnects under a new
   * name. A restart hand-off detaches without this, so the directory survives a restart.
   */
  socketClosed(session: Session): void {
    this.directory.setVisible(session, false);
    this.detach(session);
  }

  /** The socket dropped: the peer keeps its id and rooms, unseen by others, for the grace period. */
  detach(session: Session): void {
    session.outlet = null;
    session.graceTimer = setTimeout(() => this.end(session, 'disconnected'), this.config.resumeGraceMs);
  }

  /** The peer is gone for good: its rooms, calls and directory entry go with it. */
  end(session: Session, reason: Exclude<LeaveReason, 'left'>): void {
    if (session.graceTimer) clearTimeout(session.graceTimer);
    session.graceTimer = null;
    session.outlet = null;
    this.calls.abandon(session);
    for (const room of [...session.rooms]) this.rooms.leave(session, room, reason);
    this.directory.setVisible(session, false);
    this.sessions.delete(session);
  }

  /** A session handed over from before a restart was in the directory. */
  restoreVisible(session: Session): void {
    this.directory.restore(session);
  }

  /** Stops every timer (server shutdown). */
  stopTimers(): void {
    for (const session of this.sessions.all()) {
      this.calls.abandon(session);
      if (session.graceTimer) clearTimeout(session.graceTimer);
      session.graceTimer = null;
    }
  }

  private readonly handlers: Handlers = {
    join: (session, { room, password, rid }) => {
      // A ringing call's room opens only through its answer.
      const call = room === undefined ? null : (this.rooms.get(room)?.call ?? null);
      if (call && call.callee === session) this.calls.answer(session, call.id, true, rid);
      else if (call) throw new Refusal('room_full', 'This is a private call.');
      else this.rooms.join(session, room, password, rid);
    },
    leave: (session, { room: roomId, rid }) => {
      const room = this.rooms.get(roomId);
      if (!room || !room.members.includes(session))
        throw new Refusal('not_in_room', 'You are not in this room.');
      if (room.call) this.calls.cancel(session, room.call.id);
      else this.rooms.leave(session, room, 'left');
      session.send(encode({ v: PROTOCOL_VERSION, type: 'left', rid, room: roomId }));
    },
    signal: (session, { room: roomId, to, payload }) => {
      const room = this.rooms.get(roomId);
      if (!room || !room.admits(session)) throw new Refusal('not_in_room', 'You are not in this room.');
      const target = this.sessions.get(to);
      if (!target || target === session || !room.admits(target)) {
        throw new Refusal('peer_not_found', 'That person is not in this room.');
      }
      target.send(
        encode({ v: PROTOCOL_VERSION, type: 'signal', room: roomId, from: session.peerId, payload }),
      );
    },
    presence: (session, { visible }) => this.directory.setVisible(session, visible),
    ring: (session, { to, rid }) => this.calls.ring(session, to, rid),
    'answer-call': (session, { callId, accept, rid }) => this.calls.answer(session, callId, accept, rid),
    'cancel-call': (session, { callId, rid }) => this.calls.cancel(session, callId, rid),
    'ice-servers': (session, { rid }) =>
      session.send(
        encode({
          v: PROTOCOL_VERSION,
          type: 'ice-servers',
          rid,
          iceServers: iceServersFor(this.config.ice, session.peerId),
        }),
      ),
  };
}

/**
 * The server's state and what each client message does to it. Sockets stay
 * out of here: a connection hands in validated messages for its session.
 */
import { PROTOCOL_VERSION, type ClientMessage, type ClientMessageType } from '../shared/protocol';
import { CallRegistry } from './calls';
import type { ServerConfig } from './config';
import { Directory } from './directory';
import { encode } from './encode';
import type { Logger } from './logger';
import { PasswordGuard } from './password-guard';
import { KeyedBuckets } from './rate-limit';
import { Refusal } from './refusal';
import { RoomRegistry, type LeaveReason } from './rooms';
import { SessionRegistry, type Outlet, type Session } from './session';
import type { SignalingHub } from './signaling-hub';
import { iceServersForSession } from './turn-credentials';

type MessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
type Handlers = {
  [T in Exclude<ClientMessageType, 'hello'>]: (
    session: Session,
    message: MessageOf<T>,
  ) => void | Promise<void>;
};

/** How often rate-limit state of quiet addresses, rooms and callers is forgotten. */
const SWEEP_MS = 10_000;

export class Hub implements SignalingHub {
  readonly sessions: SessionRegistry;
  readonly rooms: RoomRegistry;
  private readonly directory: Directory;
  private readonly calls: CallRegistry;
  private readonly passwords: PasswordGuard;
  private readonly newSessionsByAddress: KeyedBuckets;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly config: ServerConfig,
    private readonly log: Logger,
  ) {
    const { limits } = config;
    const iceServersFor = (session: Session) => this.iceServersFor(session);
    this.sessions = new SessionRegistry(config.rateLimit, {
      perSession: limits.maxHeldBytes,
      total: limits.maxHeldBytesTotal,
      used: 0,
    });
    this.passwords = new PasswordGuard(limits);
    this.rooms = new RoomRegistry(
      {
        maxParticipants: config.maxParticipants,
        maxRoomsPerSession: limits.maxRoomsPerSession,
        // Members who were here before a restart come back within their grace period.
        provisionalUntilMs: Date.now() + config.resumeGraceMs,
        iceServersFor,
      },
      this.passwords,
    );
    this.calls = new CallRegistry(this.sessions, this.rooms, {
      ringTimeoutMs: config.ringTimeoutMs,
      limits,
      iceServersFor,
    });
    this.directory = new Directory(limits.presenceIntervalMs);
    this.newSessionsByAddress = new KeyedBuckets(limits.addressSessionsPerSecond, limits.addressSessionBurst);
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  /** Authenticates a socket: a new session, or the one its resume token names (with a fresh token). */
  hello(outlet: Outlet, message: MessageOf<'hello'>, address: string): Session {
    const previous =
      message.resumeToken === undefined ? undefined : this.sessions.withToken(message.resumeToken);
    if (!previous && !this.newSessionsByAddress.take(address, Date.now())) {
      throw new Refusal('rate_limited', 'Too many new connections from your address. Try again shortly.');
    }
    const { session, token } = previous
      ? { session: previous, token: this.sessions.rotate(previous) }
      : this.sessions.create(message.name);
    if (session.graceTimer) clearTimeout(session.graceTimer);
    session.graceTimer = null;
    session.outlet?.release();
    session.outlet = outlet;
    session.address = address;
    const rooms = [];
    for (const roomId of session.rooms) {
      const room = this.rooms.get(roomId);
      if (room) rooms.push({ room: room.id, members: room.peersExcept(session) });
    }
    outlet.send(
      encode({
        v: PROTOCOL_VERSION,
        type: 'welcome',
        rid: message.rid,
        peerId: session.peerId,
        resumeToken: token,
        resumed: previous !== undefined,
        iceServers: this.iceServersFor(session),
        rooms,
      }),
    );
    for (const text of session.takeHeld()) outlet.send(text);
    this.log.info({ peer: session.peerId, address, resumed: previous !== undefined }, 'session');
    return session;
  }

  /** Runs one message for `session`; a refusal throws (or rejects, for a join that checks a password). */
  dispatch(session: Session, message: Exclude<ClientMessage, { type: 'hello' }>): void | Promise<void> {
    this.sessions.forgetPrevious(session); // it speaks after its welcome: it has its new token
    // The union is checked by the schema; each handler receives its own message type.
    const handler = this.handlers[message.type] as (session: Session, message: ClientMessage) => void;
    return handler(session, message);
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
    session.ended = true;
    this.calls.abandon(session);
    for (const roomId of [...session.rooms]) {
      const room = this.rooms.get(roomId);
      if (room) this.rooms.leave(session, room, reason);
    }
    this.directory.remove(session);
    this.sessions.delete(session);
    this.log.info({ peer: session.peerId, reason }, 'session ended');
  }

  /** A session handed over from before a restart was in the directory. */
  restoreVisible(session: Session): void {
    this.directory.restore(session);
  }

  /** Stops every timer (server shutdown). */
  stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.directory.stopTimers();
    for (const session of this.sessions.all()) {
      this.calls.abandon(session);
      if (session.graceTimer) clearTimeout(session.graceTimer);
      session.graceTimer = null;
    }
    return Promise.resolve();
  }

  /** STUN for anyone; TURN while in a room or call. */
  private iceServersFor(session: Session) {
    return iceServersForSession(this.config.ice, session);
  }

  private sweep(): void {
    const now = Date.now();
    this.newSessionsByAddress.sweep(now);
    this.passwords.sweep(now);
    this.calls.sweep(now);
  }

  private readonly handlers: Handlers = {
    join: (session, { room: roomId, password, rejoin, rid }) => {
      // A ringing call's room opens only through its answer.
      const callId = roomId === undefined ? null : (this.rooms.get(roomId)?.callId ?? null);
      if (callId && this.calls.isRinging(session, callId))
        return this.calls.answer(session, callId, true, rid);
      if (callId) throw new Refusal('room_full', 'This is a private call.');
      return this.rooms.join(session, { room: roomId, password, rejoin: rejoin ?? false, rid });
    },
    leave: (session, { room: roomId, rid }) => {
      const room = this.rooms.get(roomId);
      if (!room || !room.members.has(session)) throw new Refusal('not_in_room', 'You are not in this room.');
      if (room.callId) this.calls.cancel(session, room.callId);
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
          iceServers: this.iceServersFor(session),
        }),
      ),
  };
}

/**
 * The hub for one of many instances sharing their state in Redis: sessions, resume tokens,
 * rooms, the directory and every peer's inbox live there (see redis-scripts.ts); this process
 * holds only its own sockets. A message for a peer goes into that peer's inbox stream, and the
 * instance holding the peer is poked to hand it over, so it arrives once and in order wherever
 * the peer is connected, and waits there while the peer resumes, on this instance or another.
 */
import { PROTOCOL_VERSION, type ClientMessage, type Peer } from '../shared/protocol';
import type { ServerConfig } from './config';
import { encode } from './encode';
import { randomId } from './ids';
import type { Logger } from './logger';
import { PasswordGuard } from './password-guard';
import { RedisCalls } from './redis-calls';
import { connectRedis, type RedisLink } from './redis-link';
import { PREFIX } from './redis-scripts';
import { Refusal } from './refusal';
import type { PasswordHash } from './room-password';
import { hashToken, Session, type Outlet } from './session';
import type { HelloMessage, SessionMessage, SignalingHub } from './signaling-hub';
import { iceServersForSession } from './turn-credentials';

type MessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

/** Heartbeat of this instance and sweep of ended grace periods. */
const BEAT_MS = 1_000;
/** Inbox entries handed to a socket per round trip. */
const DRAIN_BATCH = 256;
/** Nothing is held in this process: a detached peer's messages wait in its Redis inbox. */
const NO_HELD_BYTES = { perSession: 0, total: 0, used: 0 };

const tooManyRooms = (max: number) => (): Refusal =>
  new Refusal('too_many_rooms', `You are in ${max} rooms already: leave one first.`);
const unavailable = (): Refusal =>
  new Refusal('unavailable', 'The server lost its shared state for a moment: nothing was done. Try again.');

/** Pairs of [peer id, name] from a script, as peers. */
function peersOf(pairs: string[], from = 0): Peer[] {
  const peers: Peer[] = [];
  for (let i = from; i + 1 < pairs.length; i += 2)
    peers.push({ peerId: pairs[i] as string, name: pairs[i + 1] as string });
  return peers;
}

export class RedisHub implements SignalingHub {
  private readonly instance = randomId(9);
  /** Sessions whose socket is on this instance. */
  private readonly local = new Map<string, Session>();
  /** Peers whose inbox is being read; true when news came meanwhile (read again). */
  private readonly draining = new Map<string, boolean>();
  /** Detaches Redis missed while it was away: done once it is back, so no session lingers. */
  private readonly pendingDetach = new Map<string, number>();
  private readonly directorySentAt = new WeakMap<Session, number>();
  private readonly passwords: PasswordGuard;
  private readonly calls: RedisCalls;
  private readonly beat: NodeJS.Timeout;
  private lastFailureLog = 0;
  /** When this instance's heartbeat last reached Redis. */
  private lastBeatMs = 0;
  private link!: RedisLink;

  private constructor(
    private readonly config: ServerConfig,
    private readonly log: Logger,
  ) {
    this.passwords = new PasswordGuard(config.limits);
    this.calls = new RedisCalls(() => this.redis, config, tooManyRooms(config.limits.maxRoomsPerSession));
    this.beat = setInterval(() => this.sweep(false), BEAT_MS);
    this.beat.unref();
  }

  /** Connects to Redis at `url` and listens for this instance's pokes. */
  static async start(config: ServerConfig, url: string, log: Logger): Promise<RedisHub> {
    const hub = new RedisHub(config, log);
    try {
      hub.link = await connectRedis(url, config.limits.maxHeldBytes, log, {
        commands: () => hub.redisBack(),
        // Pokes sent while it was away are lost: read every inbox held here.
        subscriber: () => {
          for (const peerId of hub.local.keys()) hub.drain(peerId);
        },
      });
    } catch (error) {
      clearInterval(hub.beat);
      throw error;
    }
    const { subscriber } = hub.link;
    subscriber.on('message', (channel: string, text: string) => hub.onPoke(channel, text));
    await subscriber.subscribe(`${PREFIX}i:${hub.instance}`, `${PREFIX}dir`);
    await hub.sweep(false);
    log.info({ instance: hub.instance }, 'redis: instance started');
    return hub;
  }

  async hello(outlet: Outlet, message: HelloMessage, address: string): Promise<Session> {
    const token = randomId(24);
    const tokenHash = hashToken(token);
    const claimed =
      message.resumeToken === undefined
        ? null
        : await this.store(this.redis.parleyClaim(hashToken(message.resumeToken), tokenHash, this.instance));
    const { addressSessionsPerSecond, addressSessionBurst } = this.config.limits;
    if (
      !claimed &&
      (await this.store(
        this.redis.parleyTake(`hello:${address}`, addressSessionsPerSecond, addressSessionBurst),
      )) === 0
    ) {
      throw new Refusal('rate_limited', 'Too many new connections from your address. Try again shortly.');
    }
    const session = claimed ? this.resumed(claimed, tokenHash) : await this.created(message.name, tokenHash);
    session.outlet?.release();
    session.outlet = outlet;
    session.address = address;
    this.local.set(session.peerId, session);
    let rooms: { room: string; members: Peer[] }[];
    try {
      rooms = await this.store(
        Promise.all(
          [...session.rooms].map(async (room) => ({
            room,
            members: peersOf(await this.redis.parleyMembers(room, session.peerId)),
          })),
        ),
      );
    } catch (refusal) {
      // No welcome, so no socket will ever close for this session: it waits for a resume.
      if (session.outlet === outlet) this.socketClosed(session);
      throw refusal;
    }
    outlet.send(
      encode({
        v: PROTOCOL_VERSION,
        type: 'welcome',
        rid: message.rid,
        peerId: session.peerId,
        resumeToken: token,
        resumed: claimed !== null,
        iceServers: iceServersForSession(this.config.ice, session),
        rooms,
      }),
    );
    this.drain(session.peerId); // what it missed while away, after its welcome
    this.log.info({ peer: session.peerId, address, resumed: claimed !== null }, 'session');
    return session;
  }

  dispatch(session: Session, message: SessionMessage): void | Promise<void> {
    if (session.previousTokenHash !== null) {
      // It speaks after its welcome: it has its new token.
      session.previousTokenHash = null;
      this.redis.parleyForget(session.peerId, this.instance).catch(() => undefined);
    }
    const handler = this.handlers[message.type] as (session: Session, message: ClientMessage) => void;
    return handler(session, message);
  }

  socketClosed(session: Session): void {
    this.local.delete(session.peerId);
    if (session.visible) this.setListed(session, false).catch(() => undefined);
    this.detach(session.peerId, Date.now() + this.config.resumeGraceMs);
  }

  end(session: Session, reason: 'timeout'): void {
    this.local.delete(session.peerId);
    session.ended = true;
    this.redis.parleyEnd(session.peerId, this.instance, reason).catch(() => {
      // Redis is away: its grace period ends it instead.
      this.pendingDetach.set(session.peerId, Date.now());
    });
    this.log.info({ peer: session.peerId, reason }, 'session ended');
  }

  /** Retires this instance: its sessions start their grace period now, for others to resume. */
  async stop(): Promise<void> {
    clearInterval(this.beat);
    await this.sweep(true);
    await this.link.close();
  }

  private get redis() {
    return this.link.commands;
  }

  /** Runs Redis work; Redis away becomes a clear refusal. */
  private async store<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw this.refusalFor(error);
    }
  }

  /** A failed Redis request as the refusal the client gets, with a log line now and then. */
  private refusalFor(error: unknown): Refusal {
    if (error instanceof Refusal) return error;
    const now = Date.now();
    if (now - this.lastFailureLog >= 1000) {
      this.lastFailureLog = now;
      this.log.warn({ err: (error as Error).message }, 'redis: request failed, refused');
    }
    return unavailable();
  }

  /** Answers `rid` with an error after the fact (for work the socket does not wait for). */
  private refuseLater(session: Session, refusal: Refusal, rid: string | undefined): void {
    session.outlet?.send(
      encode({ v: PROTOCOL_VERSION, type: 'error', rid, code: refusal.code, message: refusal.message }),
    );
  }

  private async created(name: string, tokenHash: string): Promise<Session> {
    const peerId = randomId(9);
    await this.store(
      this.redis
        .multi()
        .hset(`${PREFIX}s:${peerId}`, { name, tok: tokenHash, prev: '', inst: this.instance, cur: '0-0' })
        .set(`${PREFIX}t:${tokenHash}`, peerId)
        .sadd(`${PREFIX}is:${this.instance}`, peerId)
        .exec(),
    );
    return new Session(peerId, name, tokenHash, this.config.rateLimit, NO_HELD_BYTES);
  }

  /** The session a resume token named, now held here (and let go of wherever it was). */
  private resumed([peerId, name, heldBy, ...rooms]: string[], tokenHash: string): Session {
    const id = peerId as string;
    this.pendingDetach.delete(id);
    if (heldBy && heldBy !== this.instance) {
      this.redis.publish(`${PREFIX}i:${heldBy}`, `r ${id}`).catch(() => undefined);
    }
    // The same object when it resumes here: its message allowance carries over.
    const session =
      this.local.get(id) ?? new Session(id, name as string, tokenHash, this.config.rateLimit, NO_HELD_BYTES);
    session.tokenHash = tokenHash;
    session.previousTokenHash = 'pending';
    session.rooms.clear();
    for (const room of rooms) session.rooms.add(room);
    return session;
  }

  private detach(peerId: string, graceEndMs: number): void {
    this.redis.parleyDetach(peerId, this.instance, graceEndMs).then(
      () => this.pendingDetach.delete(peerId),
      () => this.pendingDetach.set(peerId, graceEndMs),
    );
  }

  private redisBack(): void {
    for (const [peerId, graceEndMs] of this.pendingDetach) this.detach(peerId, graceEndMs);
  }

  private sweep(retiring: boolean): Promise<void> {
    const now = Date.now();
    this.passwords.sweep(now);
    // Cut off from Redis ourselves just now, the others' silence proves nothing: judge them later.
    const mayJudge = now - this.lastBeatMs <= 2 * BEAT_MS;
    const { resumeGraceMs } = this.config;
    return this.redis
      .parleySweep(
        this.instance,
        now,
        this.config.instanceTimeoutMs,
        resumeGraceMs,
        retiring ? '1' : '0',
        mayJudge ? '1' : '0',
      )
      .then(
        ([ended, wasMissing]) => {
          this.lastBeatMs = now;
          if (ended > 0) this.log.info({ ended }, 'sessions ended after their grace period');
          if (wasMissing && !retiring && this.local.size > 0) this.reattach();
        },
        () => undefined, // Redis away: the watcher logged it
      );
  }

  /** Taken for dead while alive (a long outage): takes this instance's sessions back. */
  private reattach(): void {
    this.log.warn({ sessions: this.local.size }, 'redis: taken for dead; taking sessions back');
    this.redis.parleyReattach(this.instance, ...this.local.keys()).then(
      (lost) => {
        for (const peerId of lost) this.release(peerId);
        for (const peerId of this.local.keys()) this.drain(peerId);
      },
      () => undefined,
    );
  }

  /** `peerId` resumed on another instance (or ended): this socket is stale. */
  private release(peerId: string): void {
    const session = this.local.get(peerId);
    this.local.delete(peerId);
    session?.outlet?.release();
    if (session) session.outlet = null;
  }

  private onPoke(channel: string, text: string): void {
    const space = text.indexOf(' ');
    const subject = text.slice(0, space);
    if (channel === `${PREFIX}dir`) {
      const notice = text.slice(space + 1);
      for (const session of this.local.values()) {
        if (session.visible && session.peerId !== subject) session.outlet?.send(notice);
      }
      return;
    }
    const peerId = text.slice(space + 1);
    if (subject === 'd') {
      if (this.local.has(peerId)) this.drain(peerId);
    } else if (subject === 'r') {
      this.release(peerId);
    }
  }

  /** Hands `peerId`'s inbox to its socket, one reader at a time, until it is empty. */
  private drain(peerId: string): void {
    if (this.draining.has(peerId)) {
      this.draining.set(peerId, true);
      return;
    }
    this.draining.set(peerId, false);
    this.redis.parleyDrain(peerId, this.instance, DRAIN_BATCH).then(
      (reply) => {
        let again = this.draining.get(peerId) === true;
        this.draining.delete(peerId);
        if (!reply) return; // held by another instance now
        const [before, after, ...texts] = reply as [string, string, ...string[]];
        const outlet = this.local.get(peerId)?.outlet;
        if (texts.length > 0) {
          if (outlet?.send(texts[0] as string)) {
            for (let i = 1; i < texts.length; i++) outlet.send(texts[i] as string);
          } else {
            // The socket closed meanwhile: the resume reads these again.
            this.redis.parleyRewind(peerId, before, after).catch(() => undefined);
            return;
          }
          again ||= texts.length === DRAIN_BATCH;
        }
        if (again && this.local.has(peerId)) this.drain(peerId);
      },
      () => this.draining.delete(peerId), // Redis away: the subscriber's return reads it
    );
  }

  private async setListed(session: Session, listed: boolean): Promise<void> {
    session.visible = listed;
    const notice = listed
      ? encode({ v: PROTOCOL_VERSION, type: 'online', peer: session.peer })
      : encode({ v: PROTOCOL_VERSION, type: 'offline', peerId: session.peerId });
    await this.store(this.redis.parleyVisible(session.peerId, session.peer.name, listed ? '1' : '0', notice));
  }

  private async presence(session: Session, visible: boolean): Promise<void> {
    await this.setListed(session, visible);
    const now = Date.now();
    // Asking again and again must not cost a full copy each time: at most one per interval.
    if (!visible || now - (this.directorySentAt.get(session) ?? 0) < this.config.limits.presenceIntervalMs)
      return;
    this.directorySentAt.set(session, now);
    const listed = await this.store(this.redis.hgetall(`${PREFIX}dir`));
    const peers: Peer[] = [];
    for (const [peerId, name] of Object.entries(listed))
      if (peerId !== session.peerId) peers.push({ peerId, name });
    session.outlet?.send(encode({ v: PROTOCOL_VERSION, type: 'directory', peers }));
  }

  /** The stored password of a room that exists, checked; '' when it has none. */
  private async checkedPassword(
    session: Session,
    roomId: string,
    stored: string,
    password: string | undefined,
  ): Promise<string> {
    if (stored === '') {
      if (password !== undefined)
        throw new Refusal('room_not_locked', 'This room has no password: join it without one.');
      return '';
    }
    if (password === undefined)
      throw new Refusal('password_required', 'This room is locked: enter its password.');
    const hash = JSON.parse(stored) as PasswordHash;
    if (!(await this.passwords.verify(hash, password, session.address, roomId)))
      throw new Refusal('wrong_password', 'This room needs a different password.');
    return stored;
  }

  private async join(session: Session, message: MessageOf<'join'>, attempt = 0): Promise<void> {
    const { room, password, rid } = message;
    const roomId = room ?? randomId(16);
    const maxRooms = this.config.limits.maxRoomsPerSession;
    const [stored, callId, invited] =
      room === undefined
        ? [null, null, null]
        : await this.store(this.redis.hmget(`${PREFIX}r:${roomId}`, 'pw', 'call', 'inv'));
    // A ringing call's room opens only through its answer.
    if (callId && invited === session.peerId)
      return this.store(this.calls.answer(session, callId, true, rid));
    if (callId) throw new Refusal('room_full', 'This is a private call.');
    const passwordJson =
      stored !== null
        ? await this.checkedPassword(session, roomId, stored, password)
        : password === undefined
          ? ''
          : JSON.stringify(await this.passwords.hash(password, session.address));
    if (session.ended) return;
    const joinedText = encode({ v: PROTOCOL_VERSION, type: 'peer-joined', room: roomId, peer: session.peer });
    const max = this.config.maxParticipants;
    const reply = await this.store(
      this.redis.parleyEnter(
        roomId,
        session.peerId,
        session.peer.name,
        max,
        maxRooms,
        stored === null ? '1' : '0',
        passwordJson,
        joinedText,
      ),
    );
    switch (reply[0]) {
      case 'ok':
        session.rooms.add(roomId);
        return this.sendJoined(session, roomId, peersOf(reply, 1), rid);
      case 'in':
        return this.sendJoined(
          session,
          roomId,
          peersOf(await this.store(this.redis.parleyMembers(roomId, session.peerId))),
          rid,
        );
      case 'changed':
      case 'gone':
        // Closed or reopened with another password while this one was checked: look again.
        if (attempt < 2) return this.join(session, message, attempt + 1);
        throw new Refusal('not_in_room', 'That room has just closed.');
      case 'call':
        throw new Refusal('room_full', 'This is a private call.');
      case 'rooms':
        throw tooManyRooms(maxRooms)();
      case 'full':
        throw new Refusal('room_full', `This room is full (${max} people at most).`);
      default:
        return; // the session ended meanwhile
    }
  }

  private sendJoined(session: Session, roomId: string, members: Peer[], rid: string | undefined): void {
    session.outlet?.send(
      encode({
        v: PROTOCOL_VERSION,
        type: 'joined',
        rid,
        room: roomId,
        members,
        maxParticipants: this.config.maxParticipants,
        iceServers: iceServersForSession(this.config.ice, session),
      }),
    );
  }

  private readonly handlers: {
    [T in SessionMessage['type']]: (session: Session, message: MessageOf<T>) => void | Promise<void>;
  } = {
    join: (session, message) => this.join(session, message),
    leave: async (session, { room, rid }) => {
      const text = encode({
        v: PROTOCOL_VERSION,
        type: 'peer-left',
        room,
        peerId: session.peerId,
        reason: 'left',
      });
      if ((await this.store(this.redis.parleyLeave(room, session.peerId, text))) === 0)
        throw new Refusal('not_in_room', 'You are not in this room.');
      session.rooms.delete(room);
      session.outlet?.send(encode({ v: PROTOCOL_VERSION, type: 'left', rid, room }));
    },
    // Not awaited: the next messages need not wait for Redis to answer, and keep their order on
    // its one connection; a refusal is answered when it comes.
    signal: (session, { room, to, payload, rid }) => {
      const text = encode({ v: PROTOCOL_VERSION, type: 'signal', room, from: session.peerId, payload });
      this.redis.parleyRelay(room, session.peerId, to, text).then(
        (refused) => {
          if (refused === 1)
            this.refuseLater(session, new Refusal('not_in_room', 'You are not in this room.'), rid);
          else if (refused === 2)
            this.refuseLater(session, new Refusal('peer_not_found', 'That person is not in this room.'), rid);
        },
        (error: unknown) => this.refuseLater(session, this.refusalFor(error), rid),
      );
    },
    presence: (session, { visible }) => this.presence(session, visible),
    ring: (session, { to, rid }) => this.store(this.calls.ring(session, to, rid)),
    'answer-call': (session, { callId, accept, rid }) =>
      this.store(this.calls.answer(session, callId, accept, rid)),
    'cancel-call': (session, { callId, rid }) => this.store(this.calls.cancel(session, callId, rid)),
    'ice-servers': (session, { rid }) => {
      session.outlet?.send(
        encode({
          v: PROTOCOL_VERSION,
          type: 'ice-servers',
          rid,
          iceServers: iceServersForSession(this.config.ice, session),
        }),
      );
    },
  };
}

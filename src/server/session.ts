/** A peer's identity on this server, which outlives any one socket (resume). */
import type { Peer } from '../shared/protocol';
import type { Call } from './calls';
import type { Room } from './rooms';
import { randomId } from './ids';

/** What a session needs from its socket. */
export interface Outlet {
  /** False when the socket can no longer carry it. */
  send(text: string): boolean;
  /** Another socket resumed this session: let go of it and close. */
  release(): void;
}

/** Messages kept for a detached session to read on resume, at most. */
const MAX_HELD = 256;

export class Session {
  outlet: Outlet | null = null;
  readonly rooms: Room[] = [];
  visible = false;
  /** The call this peer is placing or being rung for. */
  call: Call | null = null;
  /** While detached: what the peer missed, handed over on resume. */
  held: string[] = [];
  graceTimer: NodeJS.Timeout | null = null;
  readonly peer: Peer;

  constructor(
    readonly peerId: string,
    name: string,
    readonly resumeToken: string,
  ) {
    this.peer = { peerId, name };
  }

  send(text: string): void {
    if (this.outlet?.send(text)) return;
    // Closing or gone: keep it for the resume (bounded; a resumed engine renegotiates what it missed).
    if (this.held.length < MAX_HELD) this.held.push(text);
  }

  /** In a room with someone else: a call in progress. */
  inCall(): boolean {
    return this.call !== null || this.rooms.some((room) => room.members.length > 1);
  }
}

export class SessionRegistry {
  private readonly byPeerId = new Map<string, Session>();
  private readonly byToken = new Map<string, Session>();

  create(name: string): Session {
    let peerId = randomId(9);
    while (this.byPeerId.has(peerId)) peerId = randomId(9);
    return this.add(new Session(peerId, name, randomId(24)));
  }

  add(session: Session): Session {
    this.byPeerId.set(session.peerId, session);
    this.byToken.set(session.resumeToken, session);
    return session;
  }

  get(peerId: string): Session | undefined {
    return this.byPeerId.get(peerId);
  }

  withToken(token: string): Session | undefined {
    return this.byToken.get(token);
  }

  delete(session: Session): void {
    this.byPeerId.delete(session.peerId);
    this.byToken.delete(session.resumeToken);
  }

  all(): IterableIterator<Session> {
    return this.byPeerId.values();
  }
}

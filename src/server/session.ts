/** A peer's identity on this server, which outlives any one socket (resume). */
import { createHash } from 'node:crypto';
import type { IceServer, Peer } from '../shared/protocol';
import { randomId } from './ids';
import { TokenBucket } from './rate-limit';

/** What a session needs from its socket. */
export interface Outlet {
  /** False when the socket can no longer carry it. */
  send(text: string): boolean;
  /** Another socket resumed this session: let go of it and close. */
  release(): void;
}

/** Messages kept for a detached session to read on resume, at most. */
const MAX_HELD = 256;

/** Bytes held for detached sessions: each has its own cap, and all of them share one. */
export interface HeldBudget {
  perSession: number;
  total: number;
  /** Held now, across every session. */
  used: number;
}

/** Resume tokens are kept only as hashes: a leaked state file or heap dump hands no session over. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class Session {
  outlet: Outlet | null = null;
  // Plain ids, not objects: the room and call registries look them up, so nothing here
  // depends on them.
  /** Ids of the rooms this peer is a member of, its calls' rooms included. */
  readonly rooms = new Set<string>();
  visible = false;
  /** Id of the call this peer is placing. */
  outgoing: string | null = null;
  /** Ids of the calls ringing this peer, not yet answered (a few at most: an array is lighter than a Set). */
  incoming: string[] = [];
  /** While detached: what the peer missed, handed over on resume. */
  private held: string[] = [];
  private heldBytes = 0;
  graceTimer: NodeJS.Timeout | null = null;
  /** The token before the last rotation, honoured until the client shows it got the new one. */
  previousTokenHash: string | null = null;
  /** Gone for good: work that awaited (a password check) must not bring it back. */
  ended = false;
  /** The client address it last said hello from (rate limits and logs). */
  address = '';
  /** The TURN servers last issued, reused while more than half their life is left. */
  turn: { servers: IceServer[]; expiresAtMs: number } | null = null;
  readonly peer: Peer;
  readonly bucket: TokenBucket;

  constructor(
    readonly peerId: string,
    name: string,
    public tokenHash: string,
    rate: { messagesPerSecond: number; burst: number },
    private readonly budget: HeldBudget,
  ) {
    this.peer = { peerId, name };
    this.bucket = new TokenBucket(rate.messagesPerSecond, rate.burst, Date.now());
  }

  send(text: string): void {
    if (this.outlet?.send(text)) return;
    // Closing or gone: keep it for the resume, bounded in count and bytes (a resumed engine
    // renegotiates what it missed).
    const { perSession, total, used } = this.budget;
    if (this.held.length >= MAX_HELD || this.heldBytes + text.length > perSession) return;
    if (used + text.length > total) return;
    this.held.push(text);
    this.heldBytes += text.length;
    this.budget.used += text.length;
  }

  /** Hands over what was held while detached, emptying it. */
  takeHeld(): string[] {
    const held = this.held;
    this.held = [];
    this.budget.used -= this.heldBytes;
    this.heldBytes = 0;
    return held;
  }
}

export class SessionRegistry {
  private readonly byPeerId = new Map<string, Session>();
  private readonly byTokenHash = new Map<string, Session>();

  constructor(
    private readonly rate: { messagesPerSecond: number; burst: number },
    private readonly heldBudget: HeldBudget,
  ) {}

  /** A new session and the resume token only its client will know. */
  create(name: string): { session: Session; token: string } {
    let peerId = randomId(9);
    while (this.byPeerId.has(peerId)) peerId = randomId(9);
    const token = randomId(24);
    return { session: this.restore(peerId, name, hashToken(token)), token };
  }

  /** A session handed over from before a restart, known by its token's hash. */
  restore(peerId: string, name: string, tokenHash: string): Session {
    const session = new Session(peerId, name, tokenHash, this.rate, this.heldBudget);
    this.byPeerId.set(session.peerId, session);
    this.byTokenHash.set(session.tokenHash, session);
    return session;
  }

  /**
   * A fresh token for `session`. The one just used works only until the client speaks on its
   * new socket (proof the welcome with the new token arrived): a welcome lost with its socket
   * does not cost the session, and a replayed token takes nothing over after that.
   */
  rotate(session: Session): string {
    const token = randomId(24);
    this.forgetPrevious(session);
    session.previousTokenHash = session.tokenHash;
    session.tokenHash = hashToken(token);
    this.byTokenHash.set(session.tokenHash, session);
    return token;
  }

  /** The client has the new token: the previous one stops working. */
  forgetPrevious(session: Session): void {
    if (session.previousTokenHash === null) return;
    this.byTokenHash.delete(session.previousTokenHash);
    session.previousTokenHash = null;
  }

  get(peerId: string): Session | undefined {
    return this.byPeerId.get(peerId);
  }

  withToken(token: string): Session | undefined {
    return this.byTokenHash.get(hashToken(token));
  }

  /** Still the live session of its peer id (not ended while something awaited). */
  isLive(session: Session): boolean {
    return this.byPeerId.get(session.peerId) === session;
  }

  delete(session: Session): void {
    session.takeHeld(); // its held bytes go back to the shared budget
    this.forgetPrevious(session);
    this.byPeerId.delete(session.peerId);
    this.byTokenHash.delete(session.tokenHash);
  }

  all(): IterableIterator<Session> {
    return this.byPeerId.values();
  }

  get size(): number {
    return this.byPeerId.size;
  }
}

/**
 * The opt-in directory of people online: names only, seen by those who opted in. What others
 * are told of one person is paced: toggles faster than `intervalMs` coalesce into one change.
 */
import { PROTOCOL_VERSION, type Peer } from '../shared/protocol';
import { encode } from './encode';
import type { Session } from './session';

interface Announced {
  /** What the others were last told. */
  visible: boolean;
  at: number;
  timer: NodeJS.Timeout | null;
}

export class Directory {
  private readonly visible = new Set<Session>();
  private readonly announced = new Map<Session, Announced>();
  /** When each person was last sent the full directory. */
  private readonly sentAt = new WeakMap<Session, number>();

  constructor(private readonly intervalMs: number) {}

  /** Opting in sends the full directory, then `online`/`offline` as people come and go. */
  setVisible(session: Session, visible: boolean): void {
    if (visible && this.mayResend(session)) {
      const peers: Peer[] = [];
      for (const other of this.visible) if (other !== session) peers.push(other.peer);
      session.send(encode({ v: PROTOCOL_VERSION, type: 'directory', peers }));
    }
    if (session.visible === visible) return;
    session.visible = visible;
    if (visible) this.visible.add(session);
    else this.visible.delete(session);
    this.announce(session);
  }

  /** Gone for good: others hear it now, and nothing of it stays here. */
  remove(session: Session): void {
    this.setVisible(session, false);
    const state = this.announced.get(session);
    if (state?.timer) {
      clearTimeout(state.timer);
      this.flush(session);
    }
    this.announced.delete(session);
  }

  /** Lists a session handed over from before a restart, without announcing it again. */
  restore(session: Session): void {
    session.visible = true;
    this.visible.add(session);
    this.announced.set(session, { visible: true, at: 0, timer: null });
  }

  stopTimers(): void {
    for (const state of this.announced.values()) if (state.timer) clearTimeout(state.timer);
  }

  /** Asking again and again must not cost a full copy each time: at most one per interval. */
  private mayResend(session: Session): boolean {
    const now = Date.now();
    if (now - (this.sentAt.get(session) ?? 0) < this.intervalMs) return false;
    this.sentAt.set(session, now);
    return true;
  }

  private announce(session: Session): void {
    const state = this.announced.get(session) ?? { visible: false, at: 0, timer: null };
    this.announced.set(session, state);
    if (state.timer) return; // a flush is due: it will tell the latest state
    const wait = state.at + this.intervalMs - Date.now();
    if (wait <= 0) this.flush(session);
    else state.timer = setTimeout(() => this.flush(session), wait);
  }

  private flush(session: Session): void {
    const state = this.announced.get(session);
    if (!state) return;
    state.timer = null;
    if (state.visible === session.visible) return;
    state.visible = session.visible;
    state.at = Date.now();
    const text = session.visible
      ? encode({ v: PROTOCOL_VERSION, type: 'online', peer: session.peer })
      : encode({ v: PROTOCOL_VERSION, type: 'offline', peerId: session.peerId });
    for (const other of this.visible) if (other !== session) other.send(text);
  }
}

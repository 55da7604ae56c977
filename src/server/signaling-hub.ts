/**
 * What a connection asks of the server's state, wherever it lives: this process's memory (Hub)
 * or Redis shared by many instances (RedisHub).
 */
import type { ClientMessage } from '../shared/protocol';
import type { Outlet, Session } from './session';

export type HelloMessage = Extract<ClientMessage, { type: 'hello' }>;
export type SessionMessage = Exclude<ClientMessage, { type: 'hello' }>;

export interface SignalingHub {
  /** Authenticates a socket: a new session, or the one its resume token names (with a fresh token). */
  hello(outlet: Outlet, message: HelloMessage, address: string): Session | Promise<Session>;
  /** Runs one message for `session`; a refusal throws (or rejects). */
  dispatch(session: Session, message: SessionMessage): void | Promise<void>;
  /** Its socket closed: the session waits, unseen, for a resume within the grace period. */
  socketClosed(session: Session): void;
  /** Missed its heartbeat: the session ends now. */
  end(session: Session, reason: 'timeout'): void;
  /** Server shutdown: timers stop, and any shared-state connection is let go. */
  stop(): Promise<void>;
}

/**
 * One client socket: size and rate limits, validation, the hello deadline, heartbeat state, and
 * handing each accepted message to the hub for the socket's session, in order.
 */
import type { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ClientMessage, type ErrorCode } from '../shared/protocol';
import type { ServerConfig } from './config';
import { encode } from './encode';
import type { Logger } from './logger';
import type { KeyedBuckets } from './rate-limit';
import { Refusal } from './refusal';
import type { Outlet, Session } from './session';
import type { SignalingHub } from './signaling-hub';
import { validateClientMessage } from './validate';

/** A client this far behind on reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const OPEN = 1;
/** Close code for a socket that never said hello (4000–4999 are the application's). */
const HELLO_TIMEOUT_CODE = 4008;
/** Messages held behind one that awaits (a password check), at most. */
const MAX_BACKLOG = 32;
const ignoreError = (): void => undefined;

/** Where a connection comes from and what it shares with the others from there. */
export interface Peerage {
  address: string;
  /** Messages per client address, across its sockets and sessions. */
  addressBuckets: KeyedBuckets;
  log: Logger;
}

export class Connection implements Outlet {
  session: Session | null = null;
  /** Cleared at each heartbeat, set by any pong or message. */
  alive = true;
  private lastRateNotice = 0;
  private closed = false;
  private helloTimer: NodeJS.Timeout | undefined;
  /** Messages waiting while an earlier one (a password check) finishes: a session's messages run in order. */
  private readonly backlog: ClientMessage[] = [];
  private busy = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: SignalingHub,
    private readonly config: ServerConfig,
    private readonly from: Peerage,
    onClose: (connection: Connection) => void,
  ) {
    const opened = Date.now();
    this.helloTimer = setTimeout(() => {
      from.log.info({ address: from.address }, 'closed: no hello in time');
      socket.close(HELLO_TIMEOUT_CODE, 'say hello first');
      setTimeout(() => socket.terminate(), 1000).unref();
    }, config.limits.helloTimeoutMs);
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    // 'close' always follows 'error'; the handler only keeps the error from being thrown.
    socket.on('error', ignoreError);
    socket.on('close', (code) => {
      this.closed = true;
      clearTimeout(this.helloTimer);
      onClose(this);
      const session = this.session;
      this.session = null;
      from.log.info(
        { address: from.address, peer: session?.peerId, code, ms: Date.now() - opened },
        'closed',
      );
      if (session && session.outlet === this) this.hub.socketClosed(session);
    });
  }

  send(text: string): boolean {
    if (this.socket.readyState !== OPEN) return false;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.from.log.warn({ address: this.from.address, peer: this.session?.peerId }, 'dropped: not reading');
      this.socket.terminate();
      return false;
    }
    this.socket.send(text);
    return true;
  }

  release(): void {
    this.session = null;
    this.socket.close(4001, 'resumed on another connection');
  }

  /** Missed a heartbeat: the peer is gone, and its rooms hear it timed out. */
  expire(): void {
    const session = this.session;
    this.session = null;
    this.socket.terminate();
    if (session && session.outlet === this) this.hub.end(session, 'timeout');
  }

  terminate(): void {
    this.socket.terminate();
  }

  ping(): void {
    this.alive = false;
    this.socket.ping();
  }

  /** Server shutdown: tell the client, then close without ending its session. */
  shutdown(restarting: boolean): void {
    this.session = null;
    this.send(encode({ v: PROTOCOL_VERSION, type: 'shutdown', restarting }));
    this.socket.close(restarting ? 1012 : 1001, restarting ? 'server restarting' : 'server shutting down');
  }

  private receive(data: Buffer, isBinary: boolean): void {
    const now = Date.now();
    this.alive = true;
    // Both the session's own limit (kept across resumes) and its address's.
    const withinSession = this.session?.bucket.take(now) ?? true;
    if (!withinSession || !this.from.addressBuckets.take(this.from.address, now)) {
      if (now - this.lastRateNotice >= 1000) {
        this.lastRateNotice = now;
        this.from.log.warn({ address: this.from.address, peer: this.session?.peerId }, 'limit: messages');
        this.sendError('rate_limited', 'Too many messages: some were dropped. Slow down.');
      }
      return;
    }
    if (data.length > this.config.maxMessageBytes) {
      this.refuse('too_large', `Messages are limited to ${this.config.maxMessageBytes} bytes.`);
      return;
    }
    if (isBinary) {
      this.refuse('invalid_message', 'Messages are JSON text frames.');
      return;
    }
    const result = validateClientMessage(data.toString());
    if (!result.ok) {
      this.refuse(result.code, result.message, result.rid);
      return;
    }
    if (!this.busy) this.run(result.message);
    else if (this.backlog.length < MAX_BACKLOG) this.backlog.push(result.message);
    else
      this.refuse(
        'rate_limited',
        'Too many messages while a password is checked: wait for the answer.',
        result.message.rid,
      );
  }

  /**
   * Runs one message. Most finish at once; one that awaits (a password check) holds the
   * messages after it back until it settles, so a session's messages still run in order.
   */
  private run(message: ClientMessage): void {
    let pending: void | Promise<void>;
    try {
      pending = this.handle(message);
    } catch (error) {
      this.failed(error, message);
      return;
    }
    if (!pending) return;
    this.busy = true;
    pending
      .catch((error: unknown) => this.failed(error, message))
      .finally(() => {
        this.busy = false;
        while (!this.busy && this.backlog.length > 0) this.run(this.backlog.shift() as ClientMessage);
      });
  }

  private failed(error: unknown, message: ClientMessage): void {
    if (error instanceof Refusal) this.refuse(error.code, error.message, message.rid);
    // A bug in one handler must not take every other call down with the process.
    else this.from.log.error({ err: error, type: message.type }, 'handler failed');
  }

  private handle(message: ClientMessage): void | Promise<void> {
    if (message.type === 'hello') {
      if (this.session) throw new Refusal('invalid_message', 'Already said hello on this connection.');
      const session = this.hub.hello(this, message, this.from.address);
      if (session instanceof Promise) return session.then((resolved) => this.welcomed(resolved));
      this.welcomed(session);
      return;
    }
    if (!this.session) throw new Refusal('not_authenticated', 'Say hello before anything else.');
    return this.hub.dispatch(this.session, message);
  }

  private welcomed(session: Session): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined; // one less object per idle connection
    // The socket may have closed while a shared store looked the session up.
    if (this.closed) {
      if (session.outlet === this) this.hub.socketClosed(session);
      return;
    }
    this.session = session;
  }

  private refuse(code: ErrorCode, message: string, rid?: string): void {
    this.from.log.info({ address: this.from.address, peer: this.session?.peerId, code }, 'refused');
    this.sendError(code, message, rid);
  }

  private sendError(code: ErrorCode, message: string, rid?: string): void {
    this.send(encode({ v: PROTOCOL_VERSION, type: 'error', rid, code, message }));
  }
}

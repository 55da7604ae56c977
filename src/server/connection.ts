/**
 * One client socket: size and rate limits, validation, heartbeat state, and
 * handing each accepted message to the hub for the socket's session.
 */
import type { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ErrorCode } from '../shared/protocol';
import type { ServerConfig } from './config';
import { encode } from './encode';
import type { Hub } from './hub';
import { TokenBucket } from './rate-limit';
import { Refusal } from './refusal';
import type { Outlet, Session } from './session';
import { validateClientMessage } from './validate';

/** A client this far behind on reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const OPEN = 1;

export class Connection implements Outlet {
  session: Session | null = null;
  /** Cleared at each heartbeat, set by any pong or message. */
  alive = true;
  private readonly bucket: TokenBucket;
  private lastRateNotice = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: Hub,
    private readonly config: ServerConfig,
    onClose: (connection: Connection) => void,
  ) {
    this.bucket = new TokenBucket(config.rateLimit.messagesPerSecond, config.rateLimit.burst, Date.now());
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    // 'close' always follows 'error'; the handler only keeps the error from being thrown.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      onClose(this);
      const session = this.session;
      this.session = null;
      if (session && session.outlet === this) this.hub.socketClosed(session);
    });
  }

  send(text: string): boolean {
    if (this.socket.readyState !== OPEN) return false;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
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
    if (!this.bucket.take(now)) {
      if (now - this.lastRateNotice >= 1000) {
        this.lastRateNotice = now;
        this.refuse('rate_limited', 'Too many messages: some were dropped. Slow down.');
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
    const message = result.message;
    if (message.type === 'hello') {
      if (this.session) this.refuse('invalid_message', 'Already said hello on this connection.', message.rid);
      else this.session = this.hub.hello(this, message);
      return;
    }
    if (!this.session) {
      this.refuse('not_authenticated', 'Say hello before anything else.', message.rid);
      return;
    }
    try {
      this.hub.dispatch(this.session, message);
    } catch (error) {
      if (error instanceof Refusal) this.refuse(error.code, error.message, message.rid);
      // A bug in one handler must not take every other call down with the process.
      else console.error(`signaling: "${message.type}" failed`, error);
    }
  }

  private refuse(code: ErrorCode, message: string, rid?: string): void {
    this.send(encode({ v: PROTOCOL_VERSION, type: 'error', rid, code, message }));
  }
}

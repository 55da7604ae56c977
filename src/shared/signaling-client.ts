/**
 * SignalingClient: the WebSocket side of SignalingTransport. Says hello,
 * keeps the resume token, reconnects with jittered exponential backoff, and
 * queues what the engine sends while disconnected: flushed in order once
 * welcomed, or reported as a `not_sent` error past the queue's bounds.
 * Runtime-neutral: the WebSocket constructor is injected.
 */
import { PROTOCOL_VERSION, serverMessageSchema, type ServerMessage } from './protocol';
import type { OutgoingMessage, SignalingTransport, TransportStatus, Unsubscribe } from './transport';

/** The part of the WebSocket API used here; the browser's, Electron's and `ws`'s sockets all fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // Handler slots are typed loosely so every implementation fits; the client assigns typed handlers.
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
}
type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface BackoffOptions {
  /** First retry within this (jittered down to half of it). */
  initialMs: number;
  maxMs: number;
  /** After a `shutdown` that announced a restart: retry this often until welcomed. */
  restartRetryMs: number;
}

export interface SignalingClientOptions {
  url: string;
  name: string;
  WebSocket: WebSocketConstructor;
  backoff?: Partial<BackoffOptions>;
  /** Outgoing messages held while disconnected, at most; older ones fail first. */
  maxQueued?: number;
  /** A held message older than this fails instead of being sent late. */
  maxQueuedAgeMs?: number;
  /** Gives up on a connection attempt that has not been welcomed by then. */
  connectTimeoutMs?: number;
}

const OPEN = 1;
const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 800, maxMs: 10_000, restartRetryMs: 250 };

interface Queued {
  text: string;
  type: string;
  rid: string | undefined;
  at: number;
}

export class SignalingClient implements SignalingTransport {
  private current: TransportStatus = { state: 'connecting', attempt: 1 };
  private socket: WebSocketLike | null = null;
  private resumeToken: string | undefined;
  private attempt = 1;
  private restarting = false;
  private stopped = false;
  private readonly queue: Queued[] = [];
  private readonly messageListeners = new Set<(message: ServerMessage) => void>();
  private readonly statusListeners = new Set<(status: TransportStatus) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: BackoffOptions;
  private readonly maxQueued: number;
  private readonly maxQueuedAgeMs: number;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: SignalingClientOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.maxQueued = options.maxQueued ?? 500;
    this.maxQueuedAgeMs = options.maxQueuedAgeMs ?? 30_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.connect();
  }

  get status(): TransportStatus {
    return this.current;
  }

  /** The peer id the server gave this client, once welcomed. */
  get peerId(): string | undefined {
    return this.current.state === 'open' ? this.current.peerId : undefined;
  }

  send(message: OutgoingMessage): void {
    const text = JSON.stringify({ v: PROTOCOL_VERSION, ...message });
    if (this.current.state === 'open' && this.socket?.readyState === OPEN) {
      this.socket.send(text);
      return;
    }
    if (this.stopped) {
      this.fail({ text, type: message.type, rid: message.rid, at: Date.now() }, 'the connection was closed');
      return;
    }
    this.queue.push({ text, type: message.type, rid: message.rid, at: Date.now() });
    while (this.queue.length > this.maxQueued) {
      this.fail(this.queue.shift() as Queued, `more than ${this.maxQueued} messages waited for the server`);
    }
    this.scheduleExpiry();
  }

  onMessage(listener: (message: ServerMessage) => void): Unsubscribe {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onStatus(listener: (status: TransportStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.giveUp('closed by the client');
  }

  /** Stops for good: no more retries, queued messages fail, status `closed` with `reason`. */
  private giveUp(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    clearTimeout(this.expiryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'client closed');
    }
    for (const queued of this.queue.splice(0)) this.fail(queued, 'the connection was closed');
    this.setStatus({ state: 'closed', reason });
  }

  private connect(): void {
    this.setStatus({ state: 'connecting', attempt: this.attempt });
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket(this.options.url);
    } catch (error) {
      // A malformed URL will not get better by retrying.
      this.giveUp(`cannot connect to ${this.options.url}: ${String(error)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const hello = {
        v: PROTOCOL_VERSION,
        type: 'hello',
        name: this.options.name,
        resumeToken: this.resumeToken,
      };
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event: { data: unknown }) => {
      if (typeof event.data === 'string') this.receive(event.data);
    };
    socket.onclose = () => {
      if (this.socket === socket) this.dropped();
    };
    // Browsers report only that it failed; `close` follows with the rest.
    socket.onerror = () => undefined;
    clearTimeout(this.connectTimer);
    this.connectTimer = setTimeout(() => {
      if (this.socket === socket && this.current.state !== 'open') socket.close();
    }, this.connectTimeoutMs);
  }

  private receive(text: string): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return; // Our server only sends JSON; anything else is not ours to act on.
    }
    const parsed = serverMessageSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'welcome') this.welcomed(message.peerId, message.resumeToken, message.resumed);
    if (message.type === 'shutdown') this.restarting = message.restarting;
    for (const listener of this.messageListeners) listener(message);
    if (message.type === 'error' && this.current.state !== 'open') {
      // Too many new sessions from our address: a later try may pass, so back off and retry.
      if (message.code === 'rate_limited') this.socket?.close(1000, 'retrying later');
      // Otherwise the hello itself is wrong, and retrying would not change that.
      else this.giveUp(`the server refused: ${message.message}`);
    }
  }

  private welcomed(peerId: string, resumeToken: string, resumed: boolean): void {
    clearTimeout(this.connectTimer);
    this.resumeToken = resumeToken;
    this.attempt = 1;
    this.restarting = false;
    // What waited goes first: anything sent from the status listeners comes after it.
    this.flush();
    this.setStatus({ state: 'open', peerId, resumed });
  }

  private flush(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const now = Date.now();
    for (const queued of this.queue.splice(0)) {
      if (now - queued.at > this.maxQueuedAgeMs) this.fail(queued, 'it waited too long for the server');
      else this.socket?.send(queued.text);
    }
  }

  private dropped(): void {
    this.socket = null;
    clearTimeout(this.connectTimer);
    if (this.stopped) return;
    this.attempt += 1;
    const retryInMs = this.restarting ? this.jitter(this.backoff.restartRetryMs) : this.nextBackoff();
    this.setStatus({ state: 'reconnecting', attempt: this.attempt, retryInMs });
    this.retryTimer = setTimeout(() => this.connect(), retryInMs);
  }

  /** Exponential from `initialMs`, capped at `maxMs`, jittered to 50–100 % so clients don't stampede. */
  private nextBackoff(): number {
    const base = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (this.attempt - 2));
    return this.jitter(base);
  }

  private jitter(ms: number): number {
    return Math.round(ms * (0.5 + Math.random() * 0.5));
  }

  /** Fails queued messages once they are too old, even while still disconnected. */
  private scheduleExpiry(): void {
    if (this.expiryTimer !== undefined || this.queue.length === 0) return;
    const oldest = this.queue[0] as Queued;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        const now = Date.now();
        while (this.queue.length > 0 && now - (this.queue[0] as Queued).at >= this.maxQueuedAgeMs) {
          this.fail(this.queue.shift() as Queued, 'it waited too long for the server');
        }
        this.scheduleExpiry();
      },
      Math.max(0, oldest.at + this.maxQueuedAgeMs - Date.now()),
    );
  }

  /** Reports an unsent message the way the server reports a refusal: an `error` with its `rid`. */
  private fail(queued: Queued, why: string): void {
    const error: ServerMessage = {
      v: PROTOCOL_VERSION,
      type: 'error',
      rid: queued.rid,
      code: 'not_sent',
      message: `"${queued.type}" was not sent: ${why}.`,
    };
    for (const listener of this.messageListeners) listener(error);
  }

  private setStatus(status: TransportStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/**
 * The one signaling transport the renderer's engine sees, whether the socket
 * lives in the renderer (browser guest: a SignalingClient over WebSocket) or
 * in Electron's main process (bridged over IPC).
 */
import type { ClientMessage, ServerMessage } from './protocol';

/** A client message as the engine writes it: the transport stamps `v`. */
export type OutgoingMessage = ClientMessage extends infer M
  ? M extends ClientMessage
    ? Omit<M, 'v'>
    : never
  : never;

export type TransportStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'open'; peerId: string; resumed: boolean }
  /** Retrying after a drop; `retryInMs` until the next attempt. */
  | { state: 'reconnecting'; attempt: number; retryInMs: number }
  | { state: 'closed'; reason: string };

export type Unsubscribe = () => void;

export interface SignalingTransport {
  /** Queued while disconnected, sent in order on reconnect; fails loudly past the queue bound. */
  send(message: OutgoingMessage): void;
  onMessage(listener: (message: ServerMessage) => void): Unsubscribe;
  onStatus(listener: (status: TransportStatus) => void): Unsubscribe;
  readonly status: TransportStatus;
  close(): void;
}

/**
 * The signaling transport in Electron: main holds the WebSocket (so calls
 * ring while the window is hidden) and this side talks to it through
 * `window.parley.signaling`.
 */
import type { ParleyApi } from '../../shared/ipc';
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '../../shared/protocol';
import type {
  OutgoingMessage,
  SignalingTransport,
  TransportStatus,
  Unsubscribe,
} from '../../shared/transport';

export class IpcSignalingTransport implements SignalingTransport {
  private current: TransportStatus = { state: 'connecting', attempt: 1 };
  private heardFromMain = false;
  private closed = false;
  private readonly messageListeners = new Set<(message: ServerMessage) => void>();
  private readonly statusListeners = new Set<(status: TransportStatus) => void>();
  private readonly subscriptions: Unsubscribe[];

  /** Subscribes first, then asks main to connect as `name`, so no early message is missed. */
  constructor(
    private readonly api: ParleyApi['signaling'],
    name: string,
  ) {
    this.subscriptions = [
      api.onMessage((message) => {
        if (!this.closed) for (const listener of this.messageListeners) listener(message);
      }),
      api.onStatus((status) => {
        this.heardFromMain = true;
        this.setStatus(status);
      }),
    ];
    api.connect({ name }).then(
      // Main reports status as events too; its reply only matters if none came (e.g. no server).
      (status) => {
        if (!this.heardFromMain) this.setStatus(status);
      },
      (error: unknown) => this.setStatus({ state: 'closed', reason: errorText(error) }),
    );
  }

  get status(): TransportStatus {
    return this.current;
  }

  send(message: OutgoingMessage): void {
    if (this.closed) return;
    const stamped = { ...message, v: PROTOCOL_VERSION } as ClientMessage;
    // Main refuses when it is not connected or the message is malformed: say so like a server would.
    this.api.send(stamped).catch((error: unknown) => {
      const refusal: ServerMessage = {
        v: PROTOCOL_VERSION,
        type: 'error',
        rid: message.rid,
        code: 'not_sent',
        message: `"${message.type}" was not sent: ${errorText(error)}`,
      };
      for (const listener of this.messageListeners) listener(refusal);
    });
  }

  onMessage(listener: (message: ServerMessage) => void): Unsubscribe {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onStatus(listener: (status: TransportStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Stops listening; main keeps its connection until the next connect (a new name) or quit. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.setStatus({ state: 'closed', reason: 'closed' });
    this.messageListeners.clear();
    this.statusListeners.clear();
  }

  private setStatus(status: TransportStatus): void {
    if (this.closed && status.state !== 'closed') return;
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** Electron prefixes invoke errors with "Error invoking remote method '…': Error: "; keep main's words. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
}

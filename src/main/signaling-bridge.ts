/**
 * Main holds the signaling connection and mirrors it to the renderer, so a
 * call can ring (tray, notification) while the window is hidden. The client
 * is injected: SignalingClient over Electron's WebSocket in the app, a fake
 * in tests.
 */
import type { ClientMessage, ServerMessage, ServerMessageOf } from '../shared/protocol';
import type { SignalingTransport, TransportStatus, Unsubscribe } from '../shared/transport';
import type { EventEmitter } from './ipc-dispatch';

export type IncomingCallEvent =
  | { type: 'ringing'; call: ServerMessageOf<'call'> }
  /** The incoming call was answered, cancelled or timed out. */
  | { type: 'settled'; callId: string };

export interface SignalingBridgeOptions {
  open(url: string, name: string): SignalingTransport;
  events: EventEmitter;
  onIncomingCall(event: IncomingCallEvent): void;
}

const NOT_CONNECTED: TransportStatus = { state: 'closed', reason: 'not connected yet' };

export class SignalingBridge {
  private transport: SignalingTransport | null = null;
  private subscriptions: Unsubscribe[] = [];
  private target: { url: string; name: string } | null = null;
  private ringingCallId: string | null = null;

  constructor(private readonly options: SignalingBridgeOptions) {}

  get status(): TransportStatus {
    return this.transport?.status ?? NOT_CONNECTED;
  }

  /** (Re)connects as `name`; each renderer session gets a fresh connection and its own welcome. */
  connect(url: string, name: string): TransportStatus {
    this.target = { url, name };
    this.open();
    return this.status;
  }

  /** The server changed (settings, LAN toggle): reconnect there under the same name. */
  retarget(url: string): void {
    if (!this.target || this.target.url === url) return;
    this.target = { ...this.target, url };
    this.open();
  }

  send(message: ClientMessage): void {
    if (!this.transport) throw new Error('signaling is not connected: call signaling.connect first');
    this.transport.send(message);
    // Answered here: the notification and the tray stop ringing at once.
    if (message.type === 'answer-call' && message.callId === this.ringingCallId) this.settleRinging();
  }

  close(): void {
    this.detach();
    this.target = null;
  }

  private open(): void {
    this.detach();
    if (!this.target) return;
    const transport = this.options.open(this.target.url, this.target.name);
    this.transport = transport;
    this.subscriptions = [
      transport.onMessage((message) => this.forward(message)),
      transport.onStatus((status) => this.options.events.emit('signaling', 'onStatus', status)),
    ];
    this.options.events.emit('signaling', 'onStatus', transport.status);
  }

  private detach(): void {
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    this.transport?.close();
    this.transport = null;
    this.settleRinging();
  }

  private forward(message: ServerMessage): void {
    this.options.events.emit('signaling', 'onMessage', message);
    if (message.type !== 'call') return;
    if (message.state === 'incoming') {
      this.ringingCallId = message.callId;
      this.options.onIncomingCall({ type: 'ringing', call: message });
    } else if (message.callId === this.ringingCallId) {
      this.settleRinging();
    }
  }

  private settleRinging(): void {
    if (this.ringingCallId === null) return;
    const callId = this.ringingCallId;
    this.ringingCallId = null;
    this.options.onIncomingCall({ type: 'settled', callId });
  }
}

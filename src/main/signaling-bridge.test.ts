import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../shared/protocol';
import type { SignalingTransport, TransportStatus } from '../shared/transport';
import { createEventEmitter } from './ipc-dispatch';
import { SignalingBridge, type IncomingCallEvent } from './signaling-bridge';

/** A transport the test drives by hand: what the server would say, and what was sent. */
class ScriptedTransport implements SignalingTransport {
  status: TransportStatus = { state: 'connecting', attempt: 1 };
  readonly sent: ClientMessage[] = [];
  closed = false;
  private messageListeners = new Set<(m: ServerMessage) => void>();
  private statusListeners = new Set<(s: TransportStatus) => void>();
  constructor(
    readonly url: string,
    readonly name: string,
  ) {}
  send(message: ClientMessage) {
    this.sent.push(message);
  }
  onMessage(listener: (m: ServerMessage) => void) {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }
  onStatus(listener: (s: TransportStatus) => void) {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }
  close() {
    this.closed = true;
  }
  deliver(message: ServerMessage) {
    for (const listener of this.messageListeners) listener(message);
  }
  setStatus(status: TransportStatus) {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

function setup() {
  const transports: ScriptedTransport[] = [];
  const toRenderer: [string, unknown][] = [];
  const incoming: IncomingCallEvent[] = [];
  const bridge = new SignalingBridge({
    open: (url, name) => {
      const transport = new ScriptedTransport(url, name);
      transports.push(transport);
      return transport;
    },
    events: createEventEmitter((channel, payload) => toRenderer.push([channel, payload])),
    onIncomingCall: (event) => incoming.push(event),
  });
  return { bridge, transports, toRenderer, incoming };
}

const incomingCall: ServerMessage = {
  v: 1,
  type: 'call',
  callId: 'c1',
  state: 'incoming',
  peer: { peerId: 'p2', name: 'Grace' },
  room: 'call-room',
};

describe('SignalingBridge', () => {
  it('refuses to send before the renderer connected', () => {
    const { bridge } = setup();
    expect(bridge.status).toEqual({ state: 'closed', reason: 'not connected yet' });
    expect(() => bridge.send({ v: 1, type: 'ice-servers' })).toThrow(/not connected/);
  });

  it('connects as the given name and mirrors status and messages to the renderer', () => {
    const { bridge, transports, toRenderer } = setup();
    expect(bridge.connect('ws://127.0.0.1:1/ws', 'Ada')).toEqual({ state: 'connecting', attempt: 1 });
    const [transport] = transports;
    expect(transport).toMatchObject({ url: 'ws://127.0.0.1:1/ws', name: 'Ada' });
    transport!.setStatus({ state: 'open', peerId: 'p1', resumed: false });
    transport!.deliver({ v: 1, type: 'left', room: 'r' });
    bridge.send({ v: 1, type: 'join', room: 'r' });
    expect(transport!.sent).toEqual([{ v: 1, type: 'join', room: 'r' }]);
    expect(toRenderer).toEqual([
      ['signaling:status', { state: 'connecting', attempt: 1 }],
      ['signaling:status', { state: 'open', peerId: 'p1', resumed: false }],
      ['signaling:message', { v: 1, type: 'left', room: 'r' }],
    ]);
  });

  it('gives a new renderer session a fresh connection and closes the old one', () => {
    const { bridge, transports, toRenderer } = setup();
    bridge.connect('ws://a/ws', 'Ada');
    bridge.connect('ws://a/ws', 'Ada Lovelace');
    expect(transports.map((t) => [t.name, t.closed])).toEqual([
      ['Ada', true],
      ['Ada Lovelace', false],
    ]);
    // The old connection's late events no longer reach the renderer.
    toRenderer.length = 0;
    transports[0]!.deliver({ v: 1, type: 'left', room: 'r' });
    expect(toRenderer).toEqual([]);
  });

  it('follows the server to a new address under the same name', () => {
    const { bridge, transports } = setup();
    bridge.retarget('ws://b/ws'); // nothing to move yet
    expect(transports).toHaveLength(0);
    bridge.connect('ws://a/ws', 'Ada');
    bridge.retarget('ws://a/ws');
    bridge.retarget('ws://b/ws');
    expect(transports.map((t) => [t.url, t.name, t.closed])).toEqual([
      ['ws://a/ws', 'Ada', true],
      ['ws://b/ws', 'Ada', false],
    ]);
  });

  it('rings on an incoming call and settles when the caller gives up', () => {
    const { bridge, transports, incoming } = setup();
    bridge.connect('ws://a/ws', 'Ada');
    transports[0]!.deliver(incomingCall);
    transports[0]!.deliver({ ...incomingCall, callId: 'other', state: 'cancelled' });
    transports[0]!.deliver({ ...incomingCall, state: 'cancelled' });
    expect(incoming).toEqual([
      { type: 'ringing', call: incomingCall },
      { type: 'settled', callId: 'c1' },
    ]);
  });

  it('stops ringing as soon as the user answers here', () => {
    const { bridge, transports, incoming } = setup();
    bridge.connect('ws://a/ws', 'Ada');
    transports[0]!.deliver(incomingCall);
    bridge.send({ v: 1, type: 'answer-call', callId: 'c1', accept: false });
    transports[0]!.deliver({ ...incomingCall, state: 'declined' });
    expect(incoming.map((e) => e.type)).toEqual(['ringing', 'settled']);
  });

  it('stops ringing when the connection closes', () => {
    const { bridge, transports, incoming } = setup();
    bridge.connect('ws://a/ws', 'Ada');
    transports[0]!.deliver(incomingCall);
    bridge.close();
    expect(transports[0]!.closed).toBe(true);
    expect(incoming.map((e) => e.type)).toEqual(['ringing', 'settled']);
    expect(bridge.status.state).toBe('closed');
  });
});

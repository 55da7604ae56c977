/**
 * The desktop signaling path end to end, minus Electron: the renderer's
 * IpcSignalingTransport → (structured-cloned, contract-validated payloads) →
 * main's SignalingBridge → SignalingClient → a real server on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { IpcSignalingTransport } from '../renderer/transport/ipc';
import { startSignalingServer, type SignalingServer } from '../server';
import { ipcContract, type ParleyApi } from '../shared/ipc';
import type { ServerMessage } from '../shared/protocol';
import { SignalingClient } from '../shared/signaling-client';
import type { TransportStatus } from '../shared/transport';
import { createEventEmitter } from './ipc-dispatch';
import { SignalingBridge, type IncomingCallEvent } from './signaling-bridge';

let server: SignalingServer;
beforeAll(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
});

/** One desktop app: main's bridge and the page's view of it, joined by a fake IPC that clones like Electron's. */
function desktopApp() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe = <T>(channel: string, listener: (payload: T) => void) => {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    const set = listeners.get(channel)!;
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  };
  const incoming: IncomingCallEvent[] = [];
  const bridge = new SignalingBridge({
    open: (url, name) => new SignalingClient({ url, name, WebSocket }),
    events: createEventEmitter((channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener(structuredClone(payload));
    }),
    onIncomingCall: (event) => incoming.push(event),
  });
  const contract = ipcContract.signaling;
  const api: ParleyApi['signaling'] = {
    connect: async (arg) => bridge.connect(server.url, contract.connect.arg.parse(structuredClone(arg)).name),
    send: async (message) => bridge.send(contract.send.arg.parse(structuredClone(message))),
    getStatus: async () => bridge.status,
    onMessage: (listener) => subscribe<ServerMessage>('signaling:message', listener),
    onStatus: (listener) => subscribe<TransportStatus>('signaling:status', listener),
  };
  return { api, bridge, incoming };
}

function nextMessage(
  transport: IpcSignalingTransport,
  match: (m: ServerMessage) => boolean,
): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const off = transport.onMessage((message) => {
      if (!match(message)) return;
      off();
      resolve(message);
    });
  });
}

function opened(transport: IpcSignalingTransport): Promise<string> {
  return new Promise((resolve) => {
    const check = (status: TransportStatus) => {
      if (status.state !== 'open') return false;
      resolve(status.peerId);
      return true;
    };
    if (check(transport.status)) return;
    const off = transport.onStatus((status) => check(status) && off());
  });
}

describe('signaling through main', () => {
  it('joins rooms and sees the other person arrive, by name', async () => {
    const ada = desktopApp();
    const grace = desktopApp();
    const adaPage = new IpcSignalingTransport(ada.api, 'Ada');
    const gracePage = new IpcSignalingTransport(grace.api, 'Grace');
    try {
      await Promise.all([opened(adaPage), opened(gracePage)]);
      const adaJoined = nextMessage(adaPage, (m) => m.type === 'joined');
      adaPage.send({ type: 'join', room: 'ipc-room' });
      expect(await adaJoined).toMatchObject({ type: 'joined', room: 'ipc-room', members: [] });

      const arrival = nextMessage(adaPage, (m) => m.type === 'peer-joined');
      gracePage.send({ type: 'join', room: 'ipc-room' });
      expect(await arrival).toMatchObject({ type: 'peer-joined', room: 'ipc-room', peer: { name: 'Grace' } });
    } finally {
      adaPage.close();
      gracePage.close();
      ada.bridge.close();
      grace.bridge.close();
    }
  });

  it('rings in main while the page only listens, and stops when answered', async () => {
    const ada = desktopApp();
    const grace = desktopApp();
    const adaPage = new IpcSignalingTransport(ada.api, 'Ada');
    const gracePage = new IpcSignalingTransport(grace.api, 'Grace');
    try {
      const [, graceId] = await Promise.all([opened(adaPage), opened(gracePage)]);
      // Grace is listed, as the app lists itself once welcomed: only listed people can be rung.
      const listed = nextMessage(gracePage, (m) => m.type === 'directory');
      gracePage.send({ type: 'presence', visible: true });
      await listed;
      const pageSawCall = nextMessage(gracePage, (m) => m.type === 'call' && m.state === 'incoming');
      adaPage.send({ type: 'ring', to: graceId });
      const call = await pageSawCall;
      expect(grace.incoming).toEqual([{ type: 'ringing', call }]);
      expect(call).toMatchObject({ peer: { name: 'Ada' } });

      if (call.type !== 'call') throw new Error('not a call');
      const adaHears = nextMessage(adaPage, (m) => m.type === 'call' && m.state === 'declined');
      gracePage.send({ type: 'answer-call', callId: call.callId, accept: false });
      await adaHears;
      expect(grace.incoming.map((event) => event.type)).toEqual(['ringing', 'settled']);
    } finally {
      adaPage.close();
      gracePage.close();
      ada.bridge.close();
      grace.bridge.close();
    }
  });

  it('reports a message main refuses as a not_sent error on the page', async () => {
    const app = desktopApp();
    const page = new IpcSignalingTransport(app.api, 'Ada');
    try {
      await opened(page);
      const refusal = nextMessage(page, (m) => m.type === 'error');
      // A room id the protocol forbids: main's contract check refuses it before the wire.
      page.send({ type: 'join', rid: 'j1', room: 'no spaces allowed' });
      expect(await refusal).toMatchObject({ type: 'error', code: 'not_sent', rid: 'j1' });
    } finally {
      page.close();
      app.bridge.close();
    }
  });
});

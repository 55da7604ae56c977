/* eslint-disable no-restricted-imports -- the test drives the runtime-neutral client with Node's `ws` against the real server. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startSignalingServer, type ServerOptions, type SignalingServer } from '../server/index';
import type { ServerMessage, ServerMessageOf, ServerMessageType } from './protocol';
import { SignalingClient, type SignalingClientOptions } from './signaling-client';
import type { TransportStatus } from './transport';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(options: ServerOptions = {}): Promise<SignalingServer> {
  const started = await startSignalingServer(options);
  cleanup.push(() => started.close());
  return started;
}

/** A client plus everything it received and every status it went through. */
function client(url: string, name: string, options: Partial<SignalingClientOptions> = {}) {
  const signaling = new SignalingClient({ url, name, WebSocket, ...options });
  cleanup.push(() => signaling.close());
  const messages: ServerMessage[] = [];
  const statuses: TransportStatus[] = [signaling.status];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  signaling.onMessage((message) => {
    messages.push(message);
    notify();
  });
  signaling.onStatus((status) => {
    statuses.push(status);
    notify();
  });
  /** Resolves once `check` holds. */
  const until = <T>(check: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
      const test = () => {
        const value = check();
        if (value === undefined) waiters.push(test);
        else {
          clearTimeout(timer);
          resolve(value);
        }
      };
      test();
    });
  const message = <T extends ServerMessageType>(
    type: T,
    where: (m: ServerMessageOf<T>) => boolean = () => true,
  ) =>
    until(
      () => messages.find((m): m is ServerMessageOf<T> => m.type === type && where(m as ServerMessageOf<T>)),
      `a "${type}" message`,
    );
  const open = () =>
    until(() => {
      const last = statuses.at(-1);
      return last?.state === 'open' ? last : undefined;
    }, 'open');
  return { signaling, messages, statuses, until, message, open };
}

/** A port where nothing listens (yet). */
async function freePort(): Promise<number> {
  const probe = await startSignalingServer();
  await probe.close();
  return probe.port;
}

describe('SignalingClient', () => {
  it('says hello, reports open with its peer id, and carries requests', async () => {
    const { url } = await server();
    const alice = client(url, 'Alice');
    const open = await alice.open();
    expect(alice.statuses[0]).toEqual({ state: 'connecting', attempt: 1 });
    expect(open.resumed).toBe(false);
    expect(alice.signaling.peerId).toBe(open.peerId);
    alice.signaling.send({ type: 'join', room: 'r', rid: 'j' });
    expect((await alice.message('joined')).rid).toBe('j');
  });

  it('stops with a clear reason when the server refuses its hello', async () => {
    const { url } = await server();
    const nameless = client(url, '   ');
    const closed = await nameless.until(() => {
      const last = nameless.statuses.at(-1);
      return last?.state === 'closed' ? last : undefined;
    }, 'closed');
    expect(closed.reason).toMatch(/the server refused: Invalid "hello" message: name/);
    expect((await nameless.message('error')).code).toBe('invalid_message');
  });

  it('backs off and retries, instead of giving up, when its address opened too many sessions', async () => {
    const { url } = await server({ limits: { addressSessionsPerSecond: 2, addressSessionBurst: 1 } });
    const first = client(url, 'First');
    await first.open();
    const second = client(url, 'Second', { backoff: { initialMs: 200 } });
    expect((await second.message('error')).code).toBe('rate_limited');
    // A token comes back within a second: the retry gets in.
    const open = await second.open();
    expect(open.peerId).not.toBe('');
  });

  it('retries within a second with backoff until the server appears, sending what was queued in order', async () => {
    const port = await freePort();
    const alice = client(`ws://127.0.0.1:${port}/ws`, 'Alice');
    alice.signaling.send({ type: 'join', room: 'later', rid: 'first' });
    // Sent the moment it opens: still after what was queued before.
    alice.signaling.onStatus((status) => {
      if (status.state === 'open') alice.signaling.send({ type: 'leave', room: 'later', rid: 'second' });
    });
    const retry = await alice.until(
      () =>
        alice.statuses.find(
          (s): s is Extract<TransportStatus, { state: 'reconnecting' }> => s.state === 'reconnecting',
        ),
      'a retry',
    );
    expect(retry.attempt).toBe(2);
    expect(retry.retryInMs).toBeLessThanOrEqual(1000);

    await server({ port });
    await alice.open();
    await alice.message('left', (m) => m.rid === 'second');
    const replies = alice.messages.filter((m) => m.type === 'joined' || m.type === 'left').map((m) => m.type);
    expect(replies).toEqual(['joined', 'left']);
  });

  it('resumes its identity and rooms across a server restart, and delivers what was sent meanwhile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-client-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const stateFile = join(dir, 'state.json');
    const first = await startSignalingServer({ stateFile });
    const alice = client(first.url, 'Alice');
    const bob = client(first.url, 'Bob');
    const aliceOpen = await alice.open();
    const bobOpen = await bob.open();
    alice.signaling.send({ type: 'join', room: 'call' });
    await alice.message('joined');
    bob.signaling.send({ type: 'join', room: 'call' });
    await bob.message('joined');

    await first.close({ restarting: true });
    await alice.message('shutdown');
    await alice.until(() => (alice.signaling.status.state === 'open' ? undefined : true), 'the drop');
    for (let n = 0; n < 5; n++) {
      alice.signaling.send({
        type: 'signal',
        room: 'call',
        to: bobOpen.peerId,
        payload: { kind: 'candidate', candidate: { candidate: `candidate:${n}` } },
      });
    }

    await server({ stateFile, port: first.port });
    const back = await alice.until(() => {
      const last = alice.statuses.at(-1);
      return last?.state === 'open' && alice.statuses.length > 3 ? last : undefined;
    }, 'reopen');
    expect(back).toEqual({ state: 'open', peerId: aliceOpen.peerId, resumed: true });
    await bob.until(
      () => (bob.messages.filter((m) => m.type === 'signal').length === 5 ? true : undefined),
      '5 signals',
    );
    const received = bob.messages.filter((m): m is ServerMessageOf<'signal'> => m.type === 'signal');
    expect(
      received.map((m) => (m.payload.kind === 'candidate' ? m.payload.candidate?.candidate : '')),
    ).toEqual([0, 1, 2, 3, 4].map((n) => `candidate:${n}`));
    expect(received.every((m) => m.from === aliceOpen.peerId)).toBe(true);
    // The restart stayed between the server and the clients: nobody left the call.
    expect(bob.messages.filter((m) => m.type === 'peer-left')).toEqual([]);
  });

  it('reports queued messages as not sent past its bounds, never dropping them silently', async () => {
    const port = await freePort();
    const alice = client(`ws://127.0.0.1:${port}/ws`, 'Alice', { maxQueued: 2, maxQueuedAgeMs: 200 });
    alice.signaling.send({ type: 'join', room: 'a', rid: 'one' });
    alice.signaling.send({ type: 'join', room: 'b', rid: 'two' });
    alice.signaling.send({ type: 'join', room: 'c', rid: 'three' });
    const overflow = await alice.message('error', (m) => m.rid === 'one');
    expect(overflow.code).toBe('not_sent');
    expect(overflow.message).toMatch(/"join" was not sent/);
    // The other two age out while the server stays away.
    await alice.message('error', (m) => m.rid === 'three');
    expect(alice.messages.filter((m) => m.type === 'error').map((m) => m.rid)).toEqual([
      'one',
      'two',
      'three',
    ]);

    alice.signaling.close();
    expect(alice.signaling.status).toEqual({ state: 'closed', reason: 'closed by the client' });
    alice.signaling.send({ type: 'presence', visible: true, rid: 'after' });
    expect((await alice.message('error', (m) => m.rid === 'after')).code).toBe('not_sent');
  });
});

/**
 * Several server processes sharing one real Redis: delivery across instances, the race for a
 * room's last seat, a resume on another instance after one is killed, and Redis restarting.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SignalPayload } from '../shared/protocol';
import { TestClient } from './test-client';
import { redisMissing, startInstance, startRedis, type Instance, type RedisProcess } from './test-redis';

if (redisMissing) console.warn(`[parley] skipping the Redis scale-out tests: ${redisMissing}`);

/** A numbered signal, so the receiver can tell order, loss and duplicates apart. */
const numbered = (n: number): SignalPayload => ({
  kind: 'candidate',
  candidate: { candidate: `candidate:${n}`, sdpMid: '0', sdpMLineIndex: 0 },
});
const numberOf = (payload: SignalPayload): number =>
  payload.kind === 'candidate' ? parseInt(payload.candidate?.candidate.split(':')[1] ?? '', 10) : NaN;

/** Takes `count` signals from `client`, returning their numbers in arrival order. */
async function receiveNumbers(client: TestClient, count: number): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(numberOf((await client.next('signal')).payload));
  return numbers;
}

/** Waits until `client`'s instance reaches Redis again: a leave of no room is refused by Redis's answer. */
async function untilRedisAnswers(client: TestClient): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const rid = `probe-${attempt}`;
    client.send({ type: 'leave', room: 'nowhere', rid });
    const { code } = await client.next('error', (error) => error.rid === rid);
    if (code === 'not_in_room') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the instance never reached Redis again');
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe.skipIf(redisMissing !== null)('many instances sharing Redis', () => {
  let redis: RedisProcess;
  let instances: Instance[];
  const clients: TestClient[] = [];
  const connect = async (instance: Instance, name: string, token?: string): Promise<TestClient> => {
    const client = await TestClient.connect(instance.url, name, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await startRedis();
    instances = await Promise.all(
      range(3).map(() =>
        startInstance(redis.url, ['--max-participants', '3', '--address-session-burst', '200']),
      ),
    );
  }, 90_000); // three processes starting on shared cores

  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await Promise.all(instances.map((instance) => instance.kill()));
    await redis.stop();
  });

  const at = (i: number): Instance => instances[i % instances.length] as Instance;

  it('delivers 40 clients × 50 messages exactly once and in order across instances', async () => {
    const people = await Promise.all(range(40).map((i) => connect(at(i), `P${i}`)));
    // Pairs on different instances, each pair in its own room.
    for (let i = 0; i < 40; i += 2) {
      const [a, b] = [people[i] as TestClient, people[i + 1] as TestClient];
      await a.join(`pair-${i}`);
      await b.join(`pair-${i}`);
      await a.next('peer-joined');
    }
    const received = people.map((client, i) => {
      const partner = people[i ^ 1] as TestClient;
      return receiveNumbers(client, 50).then((numbers) => ({ numbers, from: partner.peerId }));
    });
    for (let n = 0; n < 50; n++) {
      people.forEach((client, i) =>
        client.send({
          type: 'signal',
          room: `pair-${i & ~1}`,
          to: (people[i ^ 1] as TestClient).peerId,
          payload: numbered(n),
        }),
      );
    }
    for (const result of await Promise.all(received)) expect(result.numbers).toEqual(range(50));
    // Nothing more arrives: no duplicate was waiting behind the fifty.
    for (const client of people) expect(await client.received('signal')).toEqual([]);
  });

  it('gives the last seat of a room to exactly one of many joiners on many instances', async () => {
    const [first, second] = [await connect(at(0), 'First'), await connect(at(1), 'Second')];
    await first.join('last-seat');
    await second.join('last-seat');
    const joiners = await Promise.all(range(12).map((i) => connect(at(i), `J${i}`)));
    const outcomes = await Promise.all(
      joiners.map(async (client) => {
        client.send({ type: 'join', room: 'last-seat' });
        const reply = await Promise.race([client.next('joined'), client.next('error')]);
        return reply.type === 'joined' ? 'joined' : reply.code;
      }),
    );
    expect(outcomes.filter((outcome) => outcome === 'joined')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'room_full')).toHaveLength(11);
  });

  it('rings across instances: both sides signal while it rings, then share the call room', async () => {
    const alice = await connect(at(0), 'Alice');
    const bob = await connect(at(1), 'Bob');
    bob.send({ type: 'presence', visible: true });
    await bob.next('directory');
    alice.send({ type: 'ring', to: bob.peerId, rid: 'r1' });
    const ringing = await alice.next('call');
    expect(ringing).toMatchObject({ rid: 'r1', state: 'ringing', peer: { peerId: bob.peerId, name: 'Bob' } });
    const incoming = await bob.next('call');
    expect(incoming).toMatchObject({ state: 'incoming', callId: ringing.callId, room: ringing.room });
    expect(incoming.peer).toEqual({ peerId: alice.peerId, name: 'Alice' });
    // While it rings the callee may signal the caller (ICE and DTLS get ready before the answer).
    bob.send({ type: 'signal', room: incoming.room, to: alice.peerId, payload: numbered(7) });
    expect(await receiveNumbers(alice, 1)).toEqual([7]);

    bob.send({ type: 'answer-call', callId: incoming.callId, accept: true, rid: 'a1' });
    expect(await bob.next('call')).toMatchObject({ rid: 'a1', state: 'accepted', room: ringing.room });
    expect(await alice.next('call')).toMatchObject({ state: 'accepted', room: ringing.room });
    expect((await bob.next('joined')).members).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
    expect(await alice.next('peer-joined')).toMatchObject({
      room: ringing.room,
      peer: { peerId: bob.peerId },
    });
  });

  it('ends a call once when an answer and a cancel cross on different instances', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const alice = await connect(at(attempt), 'Alice');
      const bob = await connect(at(attempt + 1), 'Bob');
      bob.send({ type: 'presence', visible: true });
      await bob.next('directory');
      alice.send({ type: 'ring', to: bob.peerId });
      const { callId } = await bob.next('call');
      await alice.next('call');
      bob.send({ type: 'answer-call', callId, accept: true });
      alice.send({ type: 'cancel-call', callId });
      const [forAlice, forBob] = await Promise.all([alice.next('call'), bob.next('call')]);
      // Both hear the same ending, and whoever lost the race is told the call had ended.
      expect(forAlice.state).toBe(forBob.state);
      expect(['accepted', 'cancelled']).toContain(forAlice.state);
      await (forAlice.state === 'accepted' ? alice : bob).error('call_not_found');
      alice.socket.terminate();
      bob.socket.terminate();
    }
  });

  it('limits new sessions from one address across every instance, not per instance', async () => {
    const strict = ['--address-session-burst', '10', '--address-sessions-per-second', '0.1'];
    const pair = await Promise.all([startInstance(redis.url, strict), startInstance(redis.url, strict)]);
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        // An address of its own, so the suite's other sessions do not count.
        const client = await TestClient.open((pair[i % 2] as Instance).url, { localAddress: '127.0.0.9' });
        client.send({ type: 'hello', name: `N${i}` });
        const reply = await Promise.race([client.next('welcome'), client.next('error')]);
        outcomes.push(reply.type === 'welcome' ? 'welcome' : reply.code);
        client.socket.terminate();
      }
      // Ten at once in all (plus one a refill may add), not ten on each instance.
      const welcomed = outcomes.filter((outcome) => outcome === 'welcome').length;
      expect(welcomed).toBeGreaterThanOrEqual(10);
      expect(welcomed).toBeLessThanOrEqual(11);
      expect(outcomes.filter((outcome) => outcome === 'rate_limited')).toHaveLength(30 - welcomed);
    } finally {
      await Promise.all(pair.map((instance) => instance.kill()));
    }
  }, 60_000); // two more processes, thirty handshakes in turn

  it('resumes on another instance after its own is killed, with its id, rooms and missed messages', async () => {
    const spare = await startInstance(redis.url);
    instances.push(spare);
    const alice = await connect(at(0), 'Alice');
    const bob = await connect(spare, 'Bob');
    await alice.join('resume');
    await bob.join('resume');
    await alice.next('peer-joined');
    alice.send({ type: 'signal', room: 'resume', to: bob.peerId, payload: numbered(0) });
    expect(await receiveNumbers(bob, 1)).toEqual([0]);

    await spare.kill('SIGKILL');
    instances.pop();
    await bob.closed;
    // Sent while Bob has no socket: they wait for him in Redis.
    for (const n of [1, 2, 3])
      alice.send({ type: 'signal', room: 'resume', to: bob.peerId, payload: numbered(n) });
    await alice.sync();

    const back = await connect(at(1), 'Bob', bob.resumeToken);
    expect(back.peerId).toBe(bob.peerId);
    expect(await receiveNumbers(back, 3)).toEqual([1, 2, 3]);
    back.send({ type: 'signal', room: 'resume', to: alice.peerId, payload: numbered(4) });
    expect(await receiveNumbers(alice, 1)).toEqual([4]);
    expect(await alice.received('peer-left')).toEqual([]);
    expect(await back.received('signal')).toEqual([]);
  });

  it('keeps what a detached peer missed within its byte budget, oldest first', async () => {
    const frugal = await startInstance(redis.url, ['--max-held-bytes', '1500']);
    const store = new Redis(redis.url);
    try {
      const alice = await connect(frugal, 'Alice');
      const bob = await connect(at(1), 'Bob');
      await alice.join('budget');
      await bob.join('budget');
      await alice.next('peer-joined');
      bob.socket.terminate();
      // Detached once its instance has noticed the close (nothing on the wire shows it).
      await vi.waitFor(async () => expect(await store.hget(`parley:s:${bob.peerId}`, 'inst')).toBe(''));
      const padded = (n: number): SignalPayload => ({
        kind: 'candidate',
        candidate: { candidate: `candidate:${n} ${'x'.repeat(400)}`, sdpMid: '0', sdpMLineIndex: 0 },
      });
      for (const n of range(10))
        alice.send({ type: 'signal', room: 'budget', to: bob.peerId, payload: padded(n) });
      await alice.sync();
      const back = await connect(at(2), 'Bob', bob.resumeToken);
      // About 550 bytes each: two fit in 1,500; the newer ones were dropped. A fresh signal
      // arrives right after them (the inbox keeps order): nothing else was held.
      alice.send({ type: 'signal', room: 'budget', to: bob.peerId, payload: numbered(99) });
      expect(await receiveNumbers(back, 3)).toEqual([0, 1, 99]);
    } finally {
      store.disconnect();
      await frugal.kill();
    }
  });

  it('refuses work while Redis is away, then carries on with every session', async () => {
    const alice = await connect(at(0), 'Alice');
    const bob = await connect(at(1), 'Bob');
    const carol = await connect(at(2), 'Carol');
    for (const client of [alice, bob, carol]) await client.join('outage');
    await alice.next('peer-joined');

    await redis.kill();
    alice.send({ type: 'signal', room: 'outage', to: bob.peerId, payload: numbered(0), rid: 'during' });
    expect((await alice.error('unavailable')).rid).toBe('during');
    // Longer than an instance may stay silent (15 s) before others take it for dead: nobody may
    // be taken for gone over an outage that silenced every instance alike.
    await new Promise((resolve) => setTimeout(resolve, 16_000));

    await redis.restart();
    // Each instance reconnects by itself; until then it keeps refusing.
    await Promise.all([alice, bob, carol].map(untilRedisAnswers));
    // The operators hear of both, once per connection rather than once per retry.
    expect(at(0).logs()).toMatch(
      /redis: connection lost; refusing new work until it is back[^]*redis: connected again/,
    );
    // A few heartbeats and sweeps later, everyone is still reached on the socket they had.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const circle = [alice, bob, carol];
    circle.forEach((from, i) => {
      const to = circle[(i + 1) % 3] as TestClient;
      from.send({ type: 'signal', room: 'outage', to: to.peerId, payload: numbered(1) });
    });
    for (const client of circle) expect(await receiveNumbers(client, 1)).toEqual([1]);
    // Bob's session outlived the outage: a fresh socket resumes it.
    bob.socket.terminate();
    const back = await connect(at(2), 'Bob', bob.resumeToken);
    expect(back.peerId).toBe(bob.peerId);
    back.send({ type: 'signal', room: 'outage', to: alice.peerId, payload: numbered(99) });
    expect(await receiveNumbers(alice, 1)).toEqual([99]);
  }, 90_000); // Redis stays away 16 s
});

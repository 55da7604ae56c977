import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalPayload } from '../shared/protocol';
import { testServer, type TestClient } from './test-client';

const offer: SignalPayload = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } };
const candidate: SignalPayload = {
  kind: 'candidate',
  candidate: {
    candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
    sdpMid: '0',
    sdpMLineIndex: 0,
  },
};

describe('rooms and relay', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  beforeEach(async () => {
    env = await testServer({ maxParticipants: 3 });
  });
  afterEach(() => env.stop());

  /** A signal to room "team" written as raw JSON, so it can carry fields the protocol has no place for. */
  const sendSignalJson = (from: TestClient, fields: Record<string, unknown>) =>
    from.sendRaw(JSON.stringify({ v: 1, type: 'signal', room: 'team', ...fields }));

  /** A signal as `from`'s peers receive it in room "team": stamped by the server with `from`'s id. */
  const relayedFrom = (from: TestClient, payload: SignalPayload) => ({
    v: 1,
    type: 'signal',
    room: 'team',
    from: from.peerId,
    payload,
  });

  it('creates an unguessable room and tells members who joins and leaves', async () => {
    const alice = await env.connect('Alice');
    const bob = await env.connect('Bob');
    alice.send({ type: 'join', rid: 'j1' });
    const created = await alice.next('joined');
    expect(created.rid).toBe('j1');
    expect(created.room).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(created.members).toEqual([]);
    expect(created.maxParticipants).toBe(3);

    bob.send({ type: 'join', room: created.room });
    expect((await bob.next('joined')).members).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
    expect(await alice.next('peer-joined')).toMatchObject({
      room: created.room,
      peer: { peerId: bob.peerId, name: 'Bob' },
    });

    bob.send({ type: 'leave', room: created.room, rid: 'l1' });
    expect((await bob.next('left')).rid).toBe('l1');
    expect(await alice.next('peer-left')).toMatchObject({ peerId: bob.peerId, reason: 'left' });
  });

  it('relays descriptions and candidates to one peer, stamped with the sender', async () => {
    const [alice, bob, carol] = await env.connectAll('Alice', 'Bob', 'Carol');
    for (const client of [alice, bob, carol]) await client.join('team');
    alice.send({ type: 'signal', room: 'team', to: bob.peerId, payload: offer });
    alice.send({ type: 'signal', room: 'team', to: bob.peerId, payload: candidate });
    expect(await bob.next('signal')).toEqual(relayedFrom(alice, offer));
    expect(await bob.next('signal')).toEqual(relayedFrom(alice, candidate));
    expect(await carol.received('signal')).toEqual([]);
  });

  it('never relays across rooms', async () => {
    const [alice, bob, mallory] = await env.connectAll('Alice', 'Bob', 'Mallory');
    await Promise.all([alice.join('one'), bob.join('one'), mallory.join('two')]);

    // Mallory names her own room and a peer from the other room...
    mallory.send({ type: 'signal', rid: 's1', room: 'two', to: alice.peerId, payload: offer });
    expect((await mallory.error('peer_not_found')).rid).toBe('s1');
    // ...or the other room itself.
    mallory.send({ type: 'signal', rid: 's2', room: 'one', to: alice.peerId, payload: offer });
    expect((await mallory.error('not_in_room')).rid).toBe('s2');
    expect(await alice.received('signal')).toEqual([]);
  });

  it('ignores a `from` the sender writes: identity is the server’s', async () => {
    const [alice, bob, mallory] = await env.connectAll('Alice', 'Bob', 'Mallory');
    for (const client of [alice, bob, mallory]) await client.join('team');
    sendSignalJson(mallory, { to: bob.peerId, from: alice.peerId, payload: offer });
    const received = await bob.next('signal');
    expect(received.from).toBe(mallory.peerId);
    // Nor can a forged `from` ride inside the payload.
    sendSignalJson(mallory, { to: bob.peerId, payload: { ...candidate, from: alice.peerId } });
    expect(await bob.next('signal')).toEqual(relayedFrom(mallory, candidate));
  });

  it('keeps rooms to their password and their size', async () => {
    const [a, b, c, d] = await env.connectAll('A', 'B', 'C', 'D');
    await a.join('locked', 'pw');
    b.send({ type: 'join', room: 'locked', rid: 'w', password: 'nope' });
    expect((await b.error('wrong_password')).rid).toBe('w');
    b.send({ type: 'join', room: 'locked', rid: 'none' });
    expect((await b.error('password_required')).message).toMatch(/locked/);
    await Promise.all([b.join('locked', 'pw'), c.join('locked', 'pw')]);
    d.send({ type: 'join', room: 'locked', rid: 'f', password: 'pw' });
    expect((await d.error('room_full')).rid).toBe('f');
  });

  it('refuses a password for an open room instead of ignoring it', async () => {
    const [a, b] = await env.connectAll('A', 'B');
    await a.join('open');
    b.send({ type: 'join', room: 'open', rid: 'pw', password: 'secret' });
    expect((await b.error('room_not_locked')).rid).toBe('pw');
    expect(await a.received('peer-joined')).toEqual([]);
  });

  it('refuses leaving or signaling a room one is not in', async () => {
    const alice = await env.connect('Alice');
    alice.send({ type: 'leave', room: 'nowhere', rid: 'x' });
    expect((await alice.error('not_in_room')).rid).toBe('x');
    alice.send({ type: 'signal', room: 'nowhere', to: 'someone', payload: offer });
    await alice.error('not_in_room');
  });
});

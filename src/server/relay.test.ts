import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalPayload } from '../shared/protocol';
import { testServer } from './test-client';

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
    const [alice, bob, carol] = await Promise.all([
      env.connect('Alice'),
      env.connect('Bob'),
      env.connect('Carol'),
    ]);
    for (const client of [alice, bob, carol]) {
      client.send({ type: 'join', room: 'team' });
      await client.next('joined');
    }
    alice.send({ type: 'signal', room: 'team', to: bob.peerId, payload: offer });
    alice.send({ type: 'signal', room: 'team', to: bob.peerId, payload: candidate });
    expect(await bob.next('signal')).toEqual({
      v: 1,
      type: 'signal',
      room: 'team',
      from: alice.peerId,
      payload: offer,
    });
    expect(await bob.next('signal')).toEqual({
      v: 1,
      type: 'signal',
      room: 'team',
      from: alice.peerId,
      payload: candidate,
    });
    expect(await carol.received('signal')).toEqual([]);
  });

  it('never relays across rooms', async () => {
    const [alice, bob, mallory] = await Promise.all([
      env.connect('Alice'),
      env.connect('Bob'),
      env.connect('Mallory'),
    ]);
    alice.send({ type: 'join', room: 'one' });
    bob.send({ type: 'join', room: 'one' });
    mallory.send({ type: 'join', room: 'two' });
    await Promise.all([alice.next('joined'), bob.next('joined'), mallory.next('joined')]);

    // Mallory names her own room and a peer from the other room...
    mallory.send({ type: 'signal', rid: 's1', room: 'two', to: alice.peerId, payload: offer });
    expect((await mallory.error('peer_not_found')).rid).toBe('s1');
    // ...or the other room itself.
    mallory.send({ type: 'signal', rid: 's2', room: 'one', to: alice.peerId, payload: offer });
    expect((await mallory.error('not_in_room')).rid).toBe('s2');
    expect(await alice.received('signal')).toEqual([]);
  });

  it('ignores a `from` the sender writes: identity is the server’s', async () => {
    const [alice, bob, mallory] = await Promise.all([
      env.connect('Alice'),
      env.connect('Bob'),
      env.connect('Mallory'),
    ]);
    for (const client of [alice, bob, mallory]) {
      client.send({ type: 'join', room: 'team' });
      await client.next('joined');
    }
    mallory.sendRaw(
      JSON.stringify({
        v: 1,
        type: 'signal',
        room: 'team',
        to: bob.peerId,
        from: alice.peerId,
        payload: offer,
      }),
    );
    const received = await bob.next('signal');
    expect(received.from).toBe(mallory.peerId);
    // Nor can a forged `from` ride inside the payload.
    mallory.sendRaw(
      JSON.stringify({
        v: 1,
        type: 'signal',
        room: 'team',
        to: bob.peerId,
        payload: { ...candidate, from: alice.peerId },
      }),
    );
    expect(await bob.next('signal')).toEqual({
      v: 1,
      type: 'signal',
      room: 'team',
      from: mallory.peerId,
      payload: candidate,
    });
  });

  it('keeps rooms to their password and their size', async () => {
    const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((name) => env.connect(name)));
    a.send({ type: 'join', room: 'locked', password: 'pw' });
    await a.next('joined');
    b.send({ type: 'join', room: 'locked', rid: 'w', password: 'nope' });
    expect((await b.error('wrong_password')).rid).toBe('w');
    b.send({ type: 'join', room: 'locked' });
    await b.error('wrong_password');
    b.send({ type: 'join', room: 'locked', password: 'pw' });
    c.send({ type: 'join', room: 'locked', password: 'pw' });
    await Promise.all([b.next('joined'), c.next('joined')]);
    d.send({ type: 'join', room: 'locked', rid: 'f', password: 'pw' });
    expect((await d.error('room_full')).rid).toBe('f');
  });

  it('refuses leaving or signaling a room one is not in', async () => {
    const alice = await env.connect('Alice');
    alice.send({ type: 'leave', room: 'nowhere', rid: 'x' });
    expect((await alice.error('not_in_room')).rid).toBe('x');
    alice.send({ type: 'signal', room: 'nowhere', to: 'someone', payload: offer });
    await alice.error('not_in_room');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalPayload } from '../shared/protocol';
import { testServer, type TestClient } from './test-client';

const offer: SignalPayload = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } };

describe('ringing', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  let alice: TestClient;
  let bob: TestClient;
  beforeEach(async () => {
    // Every client here calls from one loopback address: let each address ring someone twice.
    env = await testServer({ ringTimeoutMs: 300, limits: { maxRingingPerCalleeFromAddress: 2 } });
    alice = await env.connect('Alice');
    bob = await env.connect('Bob');
    // Only people in the directory (or in a shared room) can be rung.
    await listed(bob);
  });

  async function listed(client: TestClient): Promise<void> {
    client.send({ type: 'presence', visible: true });
    await client.next('directory');
  }
  afterEach(() => env.stop());

  async function ring(): Promise<{ callId: string; room: string }> {
    alice.send({ type: 'ring', to: bob.peerId, rid: 'ring-1' });
    const ringing = await alice.next('call');
    expect(ringing).toMatchObject({
      rid: 'ring-1',
      state: 'ringing',
      peer: { peerId: bob.peerId, name: 'Bob' },
    });
    const incoming = await bob.next('call');
    expect(incoming).toMatchObject({ state: 'incoming', callId: ringing.callId, room: ringing.room });
    expect(incoming.peer).toEqual({ peerId: alice.peerId, name: 'Alice' });
    return { callId: ringing.callId, room: ringing.room };
  }

  it('accepted: both sides can signal while it rings, then share the private room', async () => {
    const { callId, room } = await ring();
    // Transport setup before the answer: relay works both ways while ringing.
    alice.send({ type: 'signal', room, to: bob.peerId, payload: offer });
    expect((await bob.next('signal')).from).toBe(alice.peerId);
    bob.send({ type: 'signal', room, to: alice.peerId, payload: offer });
    expect((await alice.next('signal')).from).toBe(bob.peerId);

    bob.send({ type: 'answer-call', callId, accept: true, rid: 'a1' });
    expect(await bob.next('call')).toMatchObject({ state: 'accepted', rid: 'a1', room });
    expect(await alice.next('call')).toMatchObject({ state: 'accepted', room });
    expect(await bob.next('joined')).toMatchObject({
      room,
      members: [{ peerId: alice.peerId, name: 'Alice' }],
    });
    expect((await alice.next('peer-joined')).peer.peerId).toBe(bob.peerId);
  });

  it('declined: both hear it and the room is gone', async () => {
    const { callId, room } = await ring();
    bob.send({ type: 'answer-call', callId, accept: false, rid: 'd1' });
    expect(await bob.next('call')).toMatchObject({ state: 'declined', rid: 'd1' });
    expect(await alice.next('call')).toMatchObject({ state: 'declined', callId });
    alice.send({ type: 'signal', room, to: bob.peerId, payload: offer });
    await alice.error('not_in_room');
  });

  it('cancelled by the caller', async () => {
    const { callId } = await ring();
    alice.send({ type: 'cancel-call', callId, rid: 'c1' });
    expect(await alice.next('call')).toMatchObject({ state: 'cancelled', rid: 'c1' });
    expect(await bob.next('call')).toMatchObject({ state: 'cancelled', callId });
    // Too late to answer now.
    bob.send({ type: 'answer-call', callId, accept: true, rid: 'late' });
    expect((await bob.error('call_not_found')).rid).toBe('late');
  });

  it('times out when nobody answers', async () => {
    const { callId } = await ring();
    expect(await alice.next('call')).toMatchObject({ state: 'timeout', callId });
    expect(await bob.next('call')).toMatchObject({ state: 'timeout', callId });
  });

  it('is busy only in an accepted call: calls that merely ring never lock others out', async () => {
    const carol = await env.connect('Carol');
    const { callId } = await ring();
    // Bob is only ringing: Carol's call rings too, and Bob hears it.
    carol.send({ type: 'ring', to: bob.peerId, rid: 'r2' });
    const carolRinging = await carol.next('call');
    expect(carolRinging).toMatchObject({ state: 'ringing', rid: 'r2', peer: { peerId: bob.peerId } });
    expect(await bob.next('call')).toMatchObject({ state: 'incoming', peer: { peerId: carol.peerId } });

    // Bob takes Alice's call: Carol's ring ends busy, and new rings are busy.
    bob.send({ type: 'answer-call', callId, accept: true });
    await bob.next('joined');
    expect(await carol.next('call')).toMatchObject({ state: 'busy', callId: carolRinging.callId });
    await listed(alice);
    carol.send({ type: 'ring', to: alice.peerId });
    expect(await carol.next('call')).toMatchObject({ state: 'busy', peer: { peerId: alice.peerId } });
  });

  it('caps rings per caller address: fresh sessions from one place share the allowance', async () => {
    const spam = await testServer({ limits: { ringsPerMinute: 3 } });
    try {
      const [callee, spammer, fresh] = await spam.connectAll('Callee', 'Spammer', 'Fresh');
      await listed(callee);
      for (let i = 0; i < 3; i++) {
        spammer.send({ type: 'ring', to: callee.peerId });
        await spammer.next('call', (message) => message.state === 'ringing');
      }
      spammer.send({ type: 'ring', to: callee.peerId, rid: 'fourth' });
      expect((await spammer.error('rate_limited')).rid).toBe('fourth');
      fresh.send({ type: 'ring', to: callee.peerId, rid: 'fresh' });
      expect((await fresh.error('rate_limited')).rid).toBe('fresh');
    } finally {
      await spam.stop();
    }
  });

  it('caps calls ringing one person, and those from one address; one ending makes room', async () => {
    const busy = await testServer({ limits: { maxRingingPerCallee: 2, maxRingingPerCalleeFromAddress: 3 } });
    try {
      const [callee, first, second, third] = await busy.connectAll('Callee', 'First', 'Second', 'Third');
      await listed(callee);
      for (const caller of [first, second]) {
        caller.send({ type: 'ring', to: callee.peerId });
        await caller.next('call', (message) => message.state === 'ringing');
      }
      third.send({ type: 'ring', to: callee.peerId, rid: 'third' });
      expect((await third.error('rate_limited')).message).toMatch(/too many calls are ringing/i);
      const secondCall = (await callee.received('call')).at(-1)?.callId ?? '';
      second.send({ type: 'cancel-call', callId: secondCall });
      await second.next('call', (message) => message.state === 'cancelled');
      third.send({ type: 'ring', to: callee.peerId });
      expect(await third.next('call')).toMatchObject({ state: 'ringing' });
    } finally {
      await busy.stop();
    }
    const onePlace = await testServer({});
    try {
      const [callee, first, neighbour] = await onePlace.connectAll('Callee', 'First', 'Neighbour');
      await listed(callee);
      first.send({ type: 'ring', to: callee.peerId });
      await first.next('call', (message) => message.state === 'ringing');
      neighbour.send({ type: 'ring', to: callee.peerId, rid: 'same-network' });
      expect((await neighbour.error('rate_limited')).message).toMatch(/from your network/);
    } finally {
      await onePlace.stop();
    }
  });

  it('rings only people who are listed or share a room, and names nobody else', async () => {
    const hidden = await env.connect('Hidden');
    alice.send({ type: 'ring', to: hidden.peerId, rid: 'unlisted' });
    const refusal = await alice.error('peer_not_found');
    expect(refusal.rid).toBe('unlisted');
    expect(refusal.message).not.toContain('Hidden');
    expect(await hidden.received('call')).toEqual([]);
    // Sharing a room, they know each other: the ring reaches Hidden (busy here, in that room's call).
    await Promise.all([alice.join('shared'), hidden.join('shared')]);
    alice.send({ type: 'ring', to: hidden.peerId });
    expect(await alice.next('call')).toMatchObject({ state: 'busy', peer: { peerId: hidden.peerId } });
  });

  it('keeps a ringing call private: a stranger cannot join its room, the callee joining answers it', async () => {
    const carol = await env.connect('Carol');
    const { callId, room } = await ring();
    carol.send({ type: 'join', room, rid: 'crash' });
    expect((await carol.error('room_full')).rid).toBe('crash');
    bob.send({ type: 'join', room, rid: 'j' });
    expect(await bob.next('call')).toMatchObject({ state: 'accepted', callId, rid: 'j' });
    expect((await bob.next('joined')).members).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
  });

  it('only the callee answers and only the caller cancels; strangers cannot ring into nowhere', async () => {
    const carol = await env.connect('Carol');
    const { callId, room } = await ring();
    carol.send({ type: 'answer-call', callId, accept: true, rid: 'x' });
    expect((await carol.error('call_not_found')).rid).toBe('x');
    bob.send({ type: 'cancel-call', callId });
    await bob.error('call_not_found');
    carol.send({ type: 'signal', room, to: alice.peerId, payload: offer });
    await carol.error('not_in_room');
    carol.send({ type: 'ring', to: 'no-such-peer', rid: 'y' });
    expect((await carol.error('peer_not_found')).rid).toBe('y');
  });

  it('ends with cancelled for the callee when the caller goes away', async () => {
    const short = await testServer({ resumeGraceMs: 50 });
    try {
      const caller = await short.connect('Caller');
      const callee = await short.connect('Callee');
      await listed(callee);
      caller.send({ type: 'ring', to: callee.peerId });
      await callee.next('call');
      caller.close();
      expect(await callee.next('call')).toMatchObject({ state: 'cancelled' });
    } finally {
      await short.stop();
    }
  });
});

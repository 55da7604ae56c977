import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testServer } from './test-client';

describe('presence directory', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  beforeEach(async () => {
    env = await testServer();
  });
  afterEach(() => env.stop());

  it('lists only people who opted in, and tells opted-in people who comes and goes', async () => {
    const alice = await env.connect('Alice');
    const bob = await env.connect('Bob');
    const hidden = await env.connect('Hidden');

    alice.send({ type: 'presence', visible: true });
    expect((await alice.next('directory')).peers).toEqual([]);

    bob.send({ type: 'presence', visible: true });
    expect((await bob.next('directory')).peers).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
    expect((await alice.next('online')).peer).toEqual({ peerId: bob.peerId, name: 'Bob' });

    // Someone who never opted in neither appears nor hears anything.
    expect(await hidden.received('online')).toEqual([]);

    bob.send({ type: 'presence', visible: false });
    expect((await alice.next('offline')).peerId).toBe(bob.peerId);

    hidden.send({ type: 'presence', visible: true });
    expect((await hidden.next('directory')).peers).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
  });

  it('drops a peer whose socket closes at once, so a rename by reconnecting leaves no stale entry', async () => {
    const alice = await env.connect('Alice');
    alice.send({ type: 'presence', visible: true });
    await alice.next('directory');
    const guest = await env.connect('Guest 1234');
    guest.send({ type: 'presence', visible: true });
    await alice.next('online');

    // The client renames itself by closing its socket and saying hello under the new name.
    guest.close();
    expect((await alice.next('offline')).peerId).toBe(guest.peerId);
    const bob = await env.connect('Bob');
    bob.send({ type: 'presence', visible: true });
    expect((await bob.next('directory')).peers).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
    expect((await alice.next('online')).peer).toEqual({ peerId: bob.peerId, name: 'Bob' });
  });

  it('lists a resumed peer again once it opts in again', async () => {
    const alice = await env.connect('Alice');
    alice.send({ type: 'presence', visible: true });
    await alice.next('directory');
    const bob = await env.connect('Bob');
    bob.send({ type: 'presence', visible: true });
    await alice.next('online');

    bob.close();
    await alice.next('offline');
    const back = await env.connect('Bob', bob.resumeToken);
    back.send({ type: 'presence', visible: true });
    expect((await alice.next('online')).peer).toEqual({ peerId: bob.peerId, name: 'Bob' });
  });

  it('announces offline when a visible peer leaves for good', async () => {
    const short = await testServer({ resumeGraceMs: 50 });
    try {
      const alice = await short.connect('Alice');
      const bob = await short.connect('Bob');
      alice.send({ type: 'presence', visible: true });
      await alice.next('directory');
      bob.send({ type: 'presence', visible: true });
      await alice.next('online');
      bob.close();
      expect((await alice.next('offline')).peerId).toBe(bob.peerId);
    } finally {
      await short.stop();
    }
  });

  it('coalesces a burst of toggles: others hear the net change, not every flip', async () => {
    const alice = await env.connect('Alice');
    alice.send({ type: 'presence', visible: true });
    await alice.next('directory');
    const flipper = await env.connect('Flipper');
    for (let i = 0; i < 100; i++) flipper.send({ type: 'presence', visible: i % 2 === 0 });
    flipper.send({ type: 'presence', visible: true });
    await flipper.sync();
    // The first change goes out at once; the rest settle into one more message at most.
    expect((await alice.next('online')).peer.name).toBe('Flipper');
    await new Promise((settle) => setTimeout(settle, 1_200));
    const heard = [...(await alice.received('online')), ...(await alice.received('offline'))];
    expect(heard.length).toBeLessThanOrEqual(2);
  });
});

import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterEachTest, relayProbe, TestClient, testServer } from './test-client';

describe('resume', () => {
  const { later, server } = afterEachTest();

  it('gives a peer that reconnects within the grace its id and rooms back; the others see nothing', async () => {
    const env = await server({ resumeGraceMs: 60_000 });
    const alice = await env.connect('Alice');
    const bob = await env.connect('Bob');
    alice.send({ type: 'join', room: 'call' });
    await alice.next('joined');
    bob.send({ type: 'join', room: 'call' });
    await bob.next('joined');

    // A clean close: by the time Bob sees it the server has stopped writing to that socket.
    bob.close();
    await bob.closed;
    // While Bob is away, Alice's signal waits for him.
    alice.send({
      type: 'signal',
      room: 'call',
      to: bob.peerId,
      payload: { kind: 'candidate', candidate: null },
    });

    const back = await TestClient.open(env.server.url);
    later(async () => back.close());
    const welcome = await back.hello('Bob', bob.resumeToken);
    expect(welcome).toMatchObject({ resumed: true, peerId: bob.peerId });
    expect(welcome.rooms).toEqual([{ room: 'call', members: [{ peerId: alice.peerId, name: 'Alice' }] }]);
    expect((await back.next('signal')).from).toBe(alice.peerId);
    expect(await alice.received('peer-left')).toEqual([]);
    expect(await alice.received('peer-joined')).toEqual([
      expect.objectContaining({ peer: { peerId: bob.peerId, name: 'Bob' } }),
    ]);
  });

  it('after the grace the peer is gone: others see it leave, its token starts afresh', async () => {
    const env = await server({ resumeGraceMs: 100 });
    const alice = await env.connect('Alice');
    const bob = await env.connect('Bob');
    for (const client of [alice, bob]) {
      client.send({ type: 'join', room: 'call' });
      await client.next('joined');
    }
    bob.close();
    expect(await alice.next('peer-left')).toMatchObject({ peerId: bob.peerId, reason: 'disconnected' });
    const again = await env.connect('Bob', bob.resumeToken);
    expect(again.peerId).not.toBe(bob.peerId);
  });

  it('takes over from a stale socket that has not been noticed dead yet', async () => {
    const env = await server({});
    const bob = await env.connect('Bob');
    const twin = await env.connect('Bob', bob.resumeToken);
    expect(twin.peerId).toBe(bob.peerId);
    expect((await bob.closed).code).toBe(4001);
    twin.send({ type: 'join', room: 'still-works' });
    await twin.next('joined');
  });

  it('rotates the token on every resume: a replayed token takes nothing over', async () => {
    const env = await server({});
    const victim = await env.connect('Victim');
    const stolen = victim.resumeToken;
    victim.close();
    await victim.closed;
    const back = await env.connect('Victim', stolen);
    expect(back.peerId).toBe(victim.peerId);
    expect(back.resumeToken).not.toBe(stolen);
    back.send({ type: 'presence', visible: false }); // Victim speaks: the new token arrived
    await back.sync();
    const thief = await env.connect('Thief', stolen);
    expect(thief.peerId).not.toBe(victim.peerId);
    expect(back.socket.readyState).toBe(back.socket.OPEN);
  });

  it('keeps the previous token working while the welcome with the new one may have been lost', async () => {
    const env = await server({});
    const alice = await env.connect('Alice');
    const token = alice.resumeToken;
    alice.close();
    await alice.closed;
    // The resume's welcome (with a new token) is lost with its socket, before the client spoke.
    const lost = await env.connect('Alice', token);
    lost.socket.terminate();
    await lost.closed;
    const again = await env.connect('Alice', token);
    expect(again.peerId).toBe(alice.peerId);
  });

  it.each(['a world-readable stale temp file', 'a temp symlink to another file'])(
    'writes the state file owner-only through a fresh name, with token hashes only (trap: %s)',
    async (trap) => {
      const dir = await mkdtemp(join(tmpdir(), 'parley-state-'));
      later(() => rm(dir, { recursive: true, force: true }));
      const stateFile = join(dir, 'state.json');
      await writeFile(join(dir, 'victim'), 'precious');
      if (trap.includes('symlink')) await symlink(join(dir, 'victim'), `${stateFile}.tmp`);
      else await writeFile(`${stateFile}.tmp`, 'stale', { mode: 0o644 });
      const first = await testServer({ stateFile });
      const alice = await first.connect('Alice');
      await first.server.close({ restarting: true });
      const info = await stat(stateFile);
      expect(info.mode & 0o777).toBe(0o600);
      const text = await readFile(stateFile, 'utf8');
      expect(text).toContain(alice.peerId);
      expect(text).not.toContain(alice.resumeToken);
      expect(await readFile(join(dir, 'victim'), 'utf8')).toBe('precious');
      // And the hand-off still resumes Alice.
      const second = await server({ stateFile, port: first.server.port });
      expect((await second.connect('Alice', alice.resumeToken)).peerId).toBe(alice.peerId);
    },
  );

  it('a state file in a missing directory is logged, not a crash', async () => {
    const env = await testServer({ stateFile: join(tmpdir(), 'parley-no-such-dir', 'state.json') });
    await env.connect('Alice');
    await expect(env.server.close({ restarting: true })).resolves.toBeUndefined();
  });

  it('a plain shutdown tells clients it is not coming back', async () => {
    const env = await testServer({});
    const alice = await env.connect('Alice');
    await env.server.close();
    expect(await alice.next('shutdown')).toMatchObject({ restarting: false });
    expect((await alice.closed).code).toBe(1001);
  });

  it('survives a server restart through the state file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-state-'));
    later(() => rm(dir, { recursive: true, force: true }));
    const stateFile = join(dir, 'state.json');
    const first = await testServer({ stateFile });
    const alice = await first.connect('Alice');
    const bob = await first.connect('Bob');
    alice.send({ type: 'join', room: 'kept', password: 'pw' });
    await alice.next('joined');
    bob.send({ type: 'join', room: 'kept', password: 'pw' });
    await bob.next('joined');
    alice.send({ type: 'presence', visible: true });
    await alice.next('directory');

    await first.server.close({ restarting: true });
    expect(await alice.next('shutdown')).toMatchObject({ restarting: true });
    expect((await bob.closed).code).toBe(1012);

    const second = await server({ stateFile, port: first.server.port });
    const alice2 = await second.connect('Alice', alice.resumeToken);
    const bob2 = await second.connect('Bob', bob.resumeToken);
    expect(alice2.peerId).toBe(alice.peerId);
    expect(bob2.peerId).toBe(bob.peerId);
    expect((await relayProbe(alice2, bob2, 'kept')).from).toBe(alice.peerId);
    // The password still holds, and Alice is still listed.
    const carol = await second.connect('Carol');
    carol.send({ type: 'join', room: 'kept' });
    await carol.error('password_required');
    carol.send({ type: 'presence', visible: true });
    expect((await carol.next('directory')).peers).toEqual([{ peerId: alice.peerId, name: 'Alice' }]);
  });
});

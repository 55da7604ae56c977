/** Room passwords: slow to guess, never ignored, and never weaker after a restart. */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches } from './room-password';
import { afterEachTest } from './test-client';

describe('room passwords', () => {
  const { server } = afterEachTest();

  it('are stored as scrypt hashes; a damaged hash matches nothing instead of throwing', async () => {
    const stored = await hashPassword('correct horse');
    expect(Buffer.from(stored.hash, 'base64url')).toHaveLength(32);
    expect(await passwordMatches(stored, 'correct horse')).toBe(true);
    expect(await passwordMatches(stored, 'wrong')).toBe(false);
    expect(await passwordMatches({ salt: stored.salt, hash: 'c2hvcnQ' }, 'correct horse')).toBe(false);
  });

  it('slow guessing down per address: after the allowance, even the right password waits', async () => {
    // Everyone here shares one loopback address: the owner's new locked room costs one scrypt run too.
    const env = await server({ limits: { passwordAttemptsPerMinute: 6 } });
    const [owner, guesser] = await env.connectAll('Owner', 'Guesser');
    await owner.join('vault', 'correct horse');
    for (let i = 0; i < 5; i++) {
      guesser.send({ type: 'join', room: 'vault', password: `guess-${i}`, rid: `g${i}` });
      await guesser.error('wrong_password');
    }
    guesser.send({ type: 'join', room: 'vault', password: 'correct horse', rid: 'late' });
    const refusal = await guesser.error('rate_limited');
    expect(refusal.message).toMatch(/try again in \d+ s/i);
    expect(await owner.received('peer-joined')).toEqual([]);
  });

  it('slow wrong guesses down per room, whoever guesses; members inside are untouched', async () => {
    const env = await server({ limits: { roomPasswordAttemptsPerMinute: 3 } });
    const [owner, a, b] = await env.connectAll('Owner', 'A', 'B');
    await owner.join('vault', 'pw');
    for (const [i, guesser] of [a, a, b].entries()) {
      guesser.send({ type: 'join', room: 'vault', password: `no-${i}` });
      await guesser.error('wrong_password');
    }
    b.send({ type: 'join', room: 'vault', password: 'pw' });
    await b.error('rate_limited');
    // Other rooms are not affected.
    await a.join('elsewhere', 'x');
  });

  it('after a restart without a state file, members bring the lock back and a stranger who came first is put out', async () => {
    const first = await server({});
    const [alice, bob] = await first.connectAll('Alice', 'Bob');
    await alice.join('kept', 'pw');
    await bob.join('kept', 'pw');
    await first.server.close();
    // A cold start on the same port: the server knows nothing of the room.
    const second = await server({ port: first.server.port, resumeGraceMs: 5_000 });
    const stranger = await second.connect('Stranger');
    await stranger.join('kept');

    const alice2 = await second.connect('Alice');
    alice2.send({ type: 'join', room: 'kept', password: 'pw', rejoin: true });
    // Alice sees nobody: the stranger was put out before she entered.
    expect((await alice2.next('joined')).members).toEqual([]);
    expect((await stranger.next('error')).code).toBe('password_required');
    expect((await stranger.next('left')).room).toBe('kept');

    stranger.send({ type: 'join', room: 'kept', rid: 'again' });
    expect((await stranger.error('password_required')).rid).toBe('again');
    const bob2 = await second.connect('Bob');
    await bob2.join('kept', 'pw');
    expect((await alice2.next('peer-joined')).peer.name).toBe('Bob');
  });

  it('a stranger who claims to be rejoining is put out all the same', async () => {
    const env = await server({});
    const [stranger, member] = await env.connectAll('Stranger', 'Member');
    stranger.send({ type: 'join', room: 'kept', rejoin: true });
    await stranger.next('joined');
    member.send({ type: 'join', room: 'kept', password: 'pw', rejoin: true });
    expect((await member.next('joined')).members).toEqual([]);
    expect((await stranger.next('error')).code).toBe('password_required');
  });

  it('after that window, a password cannot take an open room over', async () => {
    const env = await server({ resumeGraceMs: 50 });
    await new Promise((later) => setTimeout(later, 100));
    const [host, latecomer] = await env.connectAll('Host', 'Latecomer');
    await host.join('open');
    latecomer.send({ type: 'join', room: 'open', password: 'mine', rejoin: true, rid: 'take' });
    expect((await latecomer.error('room_not_locked')).rid).toBe('take');
    expect(await host.received('error')).toEqual([]);
  });

  it('right passwords never use up a room’s allowance: a member still gets in after many', async () => {
    const env = await server({
      limits: { roomPasswordAttemptsPerMinute: 2, passwordAttemptsPerMinute: 100 },
    });
    const [owner, member] = await env.connectAll('Owner', 'Member');
    await owner.join('vault', 'pw');
    for (let i = 0; i < 4; i++) {
      await member.join('vault', 'pw');
      member.send({ type: 'leave', room: 'vault' });
      await member.next('left');
    }
    await member.join('vault', 'pw');
  });
});

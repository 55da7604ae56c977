import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredential } from './turn-credentials';
import { TestClient, testServer } from './test-client';

describe('TURN REST credentials', () => {
  it('match the known answer', () => {
    expect(turnCredential('north', '1700000000:alice')).toBe('Cd/49soE35ICqcJF/bCTn8Z4OyE=');
  });

  it('name the peer and expire after the configured lifetime', () => {
    const ice = {
      stunUrls: ['stun:127.0.0.1:3478'],
      turnUrls: ['turn:127.0.0.1:3478'],
      turnSecret: 'north',
      turnTtlSeconds: 600,
    };
    const servers = iceServersFor(ice, 'alice', 1_699_999_400_000);
    expect(servers).toEqual([
      { urls: ['stun:127.0.0.1:3478'] },
      {
        urls: ['turn:127.0.0.1:3478'],
        username: '1700000000:alice',
        credential: 'Cd/49soE35ICqcJF/bCTn8Z4OyE=',
      },
    ]);
  });

  it('go only to people in a room or call, issued for their own peer id, and reused', async () => {
    const { connect, stop } = await testServer({
      ice: {
        stunUrls: ['stun:127.0.0.1:3478'],
        turnUrls: ['turn:127.0.0.1:3478?transport=udp'],
        turnSecret: 's3cret',
      },
    });
    try {
      const alice = await connect('Alice');
      // A bare hello gets STUN only: the relay is not for strangers.
      const stranger = await TestClient.connect(alice.socket.url, 'Stranger');
      stranger.send({ type: 'ice-servers', rid: 's' });
      expect((await stranger.next('ice-servers')).iceServers).toEqual([{ urls: ['stun:127.0.0.1:3478'] }]);
      stranger.close();

      const joined = await alice.join('room');
      expect(joined.iceServers?.some((server) => server.username !== undefined)).toBe(true);
      alice.send({ type: 'ice-servers', rid: 'r1' });
      const reply = await alice.next('ice-servers');
      expect(reply.rid).toBe('r1');
      const turn = reply.iceServers.find((server) => server.username !== undefined);
      const [expiry, peerId] = (turn?.username ?? '').split(':');
      expect(peerId).toBe(alice.peerId);
      expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000);
      expect(turn?.credential).toBe(turnCredential('s3cret', turn?.username ?? ''));
      expect(Number(expiry) - Date.now() / 1000).toBeLessThanOrEqual(600);
      // Asking again mints nothing new while the credential has most of its life left.
      alice.send({ type: 'ice-servers', rid: 'r2' });
      expect((await alice.next('ice-servers')).iceServers).toEqual(reply.iceServers);
    } finally {
      await stop();
    }
  });

  it('are refused a configuration with TURN URLs but no secret (never a fixed password)', async () => {
    await expect(testServer({ ice: { turnUrls: ['turn:127.0.0.1:3478'] } })).rejects.toThrow(/turnSecret/);
  });
});

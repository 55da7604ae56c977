import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from './heartbeat';
import { TestClient, testServer } from './test-client';

describe('dead-peer detection', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  beforeEach(async () => {
    env = await testServer({ heartbeatMs: 100, resumeGraceMs: 60_000 });
  });
  afterEach(() => env.stop());

  it('drops a socket that stops answering pings and tells its rooms it timed out', async () => {
    const alice = await env.connect('Alice');
    // autoPong off: this client goes silent the way a vanished laptop does.
    const silent = await TestClient.open(env.server.url, { autoPong: false });
    await silent.hello('Silent');
    for (const client of [alice, silent]) {
      client.send({ type: 'join', room: 'r' });
      await client.next('joined');
    }
    expect(await alice.next('peer-left')).toMatchObject({ peerId: silent.peerId, reason: 'timeout' });
    await silent.closed;
    // Alice, who answers pings, is still connected and served.
    alice.send({ type: 'join', room: 'r2' });
    await alice.next('joined');
  });
});

describe('heartbeat slicing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('visits every connection once per beat, a slice per tick, and expires the silent ones next beat', () => {
    vi.useFakeTimers();
    const pinged: number[] = [];
    const expired: number[] = [];
    const connections = new Set(
      Array.from({ length: 1000 }, (_, id) => ({
        alive: true,
        ping() {
          this.alive = false;
          pinged.push(id);
        },
        expire() {
          expired.push(id);
        },
      })),
    );
    const stop = startHeartbeat(connections, 1000);
    vi.advanceTimersByTime(100);
    expect(pinged.length).toBe(100); // a tenth of them per 100 ms tick, not all at once
    vi.advanceTimersByTime(900);
    expect(new Set(pinged).size).toBe(1000);
    expect(pinged.length).toBe(1000);

    // Everyone but #7 answers before the next beat.
    for (const connection of connections) connection.alive = true;
    [...connections][7]!.alive = false;
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([7]);
    expect(pinged.length).toBe(1999);
    stop();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

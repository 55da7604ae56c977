/** What one stranger can make the server hold, and that honest clients keep working meanwhile. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { afterEachTest, relayProbe, TestClient } from './test-client';

/** Whether a WebSocket to `url` opens (false: refused or cut before it did). */
function opens(url: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = new WebSocket(url);
    socket.on('error', () => done(false));
    socket.on('open', () => {
      socket.terminate();
      done(true);
    });
  });
}

describe('limits', () => {
  const { later, server } = afterEachTest();

  it('caps the rooms one session can be in, across resumes', async () => {
    const env = await server({ limits: { maxRoomsPerSession: 3 } });
    const hoarder = await env.connect('Hoarder');
    const rooms: string[] = [];
    for (let i = 0; i < 3; i++) {
      hoarder.send({ type: 'join' });
      rooms.push((await hoarder.next('joined')).room);
    }
    hoarder.send({ type: 'join', rid: 'one-more' });
    expect((await hoarder.error('too_many_rooms')).rid).toBe('one-more');
    // A fresh socket resuming the session is the same session, with the same rooms.
    hoarder.close();
    const back = await env.connect('Hoarder', hoarder.resumeToken);
    back.send({ type: 'join', rid: 'again' });
    expect((await back.error('too_many_rooms')).rid).toBe('again');
    // Leaving one frees a place.
    back.send({ type: 'leave', room: rooms[0] ?? '' });
    await back.next('left');
    back.send({ type: 'join', rid: 'fits' });
    expect((await back.next('joined')).rid).toBe('fits');
  });

  it('keeps the rate limit of a session across resumes on fresh sockets', async () => {
    const env = await server({ rateLimit: { messagesPerSecond: 1, burst: 20 } });
    const flooder = await env.connect('Flooder');
    for (let i = 0; i < 25; i++) flooder.send({ type: 'presence', visible: false });
    await flooder.error('rate_limited');
    flooder.close();
    await flooder.closed;
    const back = await TestClient.open(env.server.url);
    later(async () => back.close());
    await back.hello('Flooder', flooder.resumeToken);
    for (let i = 0; i < 5; i++) back.send({ type: 'presence', visible: false });
    await back.error('rate_limited');
  });

  it('closes sockets that never say hello', async () => {
    const env = await server({ limits: { helloTimeoutMs: 200 } });
    const silent = await TestClient.open(env.server.url);
    expect((await silent.closed).code).toBe(4008);
    const honest = await env.connect('Honest');
    expect(honest.socket.readyState).toBe(honest.socket.OPEN);
  });

  it('caps connections per address; closing one lets the next in', async () => {
    const env = await server({ limits: { maxConnectionsPerAddress: 4 } });
    const held = await Promise.all([1, 2, 3, 4].map(() => TestClient.open(env.server.url)));
    expect(await opens(env.server.url)).toBe(false);
    held[0]?.close();
    await held[0]?.closed;
    // The server counts it out once it sees the close, a moment after the client does.
    while (!(await opens(env.server.url))) await new Promise((tick) => setTimeout(tick, 20));
    for (const socket of held) socket.close();
    await Promise.all(held.map((socket) => socket.closed));
    while (!(await opens(env.server.url))) await new Promise((tick) => setTimeout(tick, 20));
    const honest = await env.connect('Honest');
    expect(honest.peerId).not.toBe('');
  });

  it('closes HTTP connections whose headers never finish, or that never send a byte', async () => {
    const env = await server({});
    const closed = (request: string): Promise<string> =>
      new Promise((done) => {
        let reply = '';
        const socket = connect(env.server.port, '127.0.0.1', () => socket.write(request));
        socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => done(reply));
      });
    const [partial, idle] = await Promise.all([closed('GET / HTTP/1.1\r\nHost: x\r\n'), closed('')]);
    // Closed (a 408, or nothing at all) instead of held for minutes.
    for (const reply of [partial, idle]) expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('caps the bytes held for a disconnected peer', async () => {
    const env = await server({ resumeGraceMs: 60_000, limits: { maxHeldBytes: 200_000 } });
    const [alice, bob] = await env.connectAll('Alice', 'Bob');
    await Promise.all([alice.join('r'), bob.join('r')]);
    bob.close();
    await bob.closed;
    const sdp = `v=0\r\n${'a=x'.repeat(18_000)}`;
    for (let i = 0; i < 20; i++) {
      alice.send({
        type: 'signal',
        room: 'r',
        to: bob.peerId,
        payload: { kind: 'description', description: { type: 'offer', sdp } },
      });
    }
    await alice.sync();
    const back = await env.connect('Bob', bob.resumeToken);
    const held = await back.received('signal');
    expect(held.length).toBeGreaterThan(0);
    expect(held.reduce((sum, message) => sum + JSON.stringify(message).length, 0)).toBeLessThanOrEqual(
      200_000,
    );
    // Live traffic flows again at once.
    expect((await relayProbe(alice, back, 'r')).from).toBe(alice.peerId);
  });

  it('caps the bytes held for all disconnected peers together', async () => {
    const env = await server({ resumeGraceMs: 60_000, limits: { maxHeldBytesTotal: 150_000 } });
    const [alice, bob, carol] = await env.connectAll('Alice', 'Bob', 'Carol');
    await Promise.all([alice.join('r'), bob.join('r'), carol.join('r')]);
    for (const away of [bob, carol]) {
      away.close();
      await away.closed;
    }
    const sdp = `v=0\r\n${'a=x'.repeat(6_000)}`;
    for (let i = 0; i < 20; i++) {
      for (const to of [bob, carol]) {
        alice.send({
          type: 'signal',
          room: 'r',
          to: to.peerId,
          payload: { kind: 'description', description: { type: 'offer', sdp } },
        });
      }
    }
    await alice.sync();
    let total = 0;
    for (const away of [bob, carol]) {
      const back = await env.connect(away === bob ? 'Bob' : 'Carol', away.resumeToken);
      for (const message of await back.received('signal')) total += JSON.stringify(message).length;
    }
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(150_000);
  });
});

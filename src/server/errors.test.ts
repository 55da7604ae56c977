import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relayProbe, TestClient, testServer } from './test-client';

describe('bad input', () => {
  let env: Awaited<ReturnType<typeof testServer>>;
  beforeEach(async () => {
    env = await testServer({ maxMessageBytes: 1024, rateLimit: { messagesPerSecond: 5, burst: 20 } });
  });
  afterEach(() => env.stop());

  it('answers each kind of malformed message with its error code and keeps the socket', async () => {
    const client = await TestClient.open(env.server.url);
    client.sendRaw('{not json');
    await client.error('bad_json');
    client.sendRaw(JSON.stringify({ v: 2, type: 'hello', name: 'A', rid: 'v2' }));
    expect((await client.error('unsupported_version')).rid).toBe('v2');
    client.sendRaw(JSON.stringify({ v: 1, type: 'teleport', rid: 'u' }));
    expect((await client.error('unknown_type')).rid).toBe('u');
    client.sendRaw(JSON.stringify([1, 2]));
    await client.error('invalid_message');
    client.sendRaw(JSON.stringify({ v: 1, type: 'join', rid: 'n' }));
    expect((await client.error('not_authenticated')).rid).toBe('n');
    client.sendRaw(JSON.stringify({ v: 1, type: 'hello', name: '', rid: 'h' }));
    const invalid = await client.error('invalid_message');
    expect(invalid.rid).toBe('h');
    expect(invalid.message).toMatch(/name/);
    client.sendRaw(Buffer.from('{}'));
    await client.error('invalid_message');

    await client.hello('Alice');
    client.send({ type: 'join', room: 'has spaces!' as string, rid: 'bad-room' });
    expect((await client.error('invalid_message')).rid).toBe('bad-room');
    client.sendRaw('x'.repeat(2048));
    await client.error('too_large');
    client.send({ type: 'hello', name: 'Again' });
    await client.error('invalid_message');
    // Still a working connection.
    client.send({ type: 'join', room: 'ok' });
    await client.next('joined');
    client.close();
  });

  it('rate-limits a flooding client, once a second, without slowing anyone else', async () => {
    const flooder = await env.connect('Flooder');
    const alice = await env.connect('Alice');
    const bob = await env.connect('Bob');
    for (const client of [alice, bob]) {
      client.send({ type: 'join', room: 'calm' });
      await client.next('joined');
    }
    for (let i = 0; i < 200; i++) flooder.send({ type: 'ice-servers', rid: `f${i}` });
    await flooder.error('rate_limited');
    const answered = flooder.inbox.filter((message) => message.type === 'ice-servers').length;
    expect(answered).toBeLessThanOrEqual(21);
    const errors = flooder.inbox.filter((message) => message.type === 'error');
    expect(errors).toEqual([]);

    expect((await relayProbe(alice, bob, 'calm')).from).toBe(alice.peerId);
  });

  it('survives garbage, oversized frames and abrupt sockets; others carry on', async () => {
    const [alice, bob] = await env.connectAll('Alice', 'Bob');
    await Promise.all([alice.join('r'), bob.join('r')]);

    const vandal = await TestClient.open(env.server.url);
    vandal.sendRaw(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    vandal.sendRaw('\u0000'.repeat(100));
    vandal.sendRaw('null');
    vandal.sendRaw(JSON.stringify({ v: 1, type: { nested: true } }));
    // Past the hard cap `ws` closes the socket (1009): the server stays up.
    vandal.sendRaw('y'.repeat(2 * 1024 * 1024));
    expect((await vandal.closed).code).toBe(1009);

    const rude = await TestClient.open(env.server.url);
    rude.socket.terminate();

    expect((await relayProbe(alice, bob, 'r')).from).toBe(alice.peerId);
    const late = await env.connect('Late');
    expect(late.peerId).not.toBe('');
  });

  it('lets only the server’s own pages in by default: not other websites, not DNS-rebound names', async () => {
    const own = env.server.httpUrl;
    const page = await TestClient.open(env.server.url, { origin: own });
    await page.hello('Own page');
    page.close();
    await expect(TestClient.open(env.server.url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    // A rebound name points at our loopback port, and its page claims to be same-origin with it.
    const rebound = `rebound.example:${env.server.port}`;
    await expect(
      TestClient.open(env.server.url, { origin: `http://${rebound}`, headers: { host: rebound } }),
    ).rejects.toThrow(/403/);
    // No Origin: not a browser page (the desktop app's main process, Node tools).
    const tool = await env.connect('Tool');
    expect(tool.peerId).not.toBe('');
  });

  it('refuses names that are blank, invisible, or carry control and bidi characters', async () => {
    for (const name of ['   ', '\u200b\u200b', 'Ali\u202Ece', 'line\nbreak', 'nul\u0000', '\u2028']) {
      const client = await TestClient.open(env.server.url);
      client.send({ type: 'hello', name, rid: 'h' });
      expect((await client.error('invalid_message')).rid).toBe('h');
      client.close();
    }
    // Letters of every script, and emoji built with the zero-width joiner, are names.
    for (const name of ['张伟', 'Zoë', '👩‍💻 Dev']) expect((await env.connect(name)).peerId).not.toBe('');
  });

  it('refuses sockets from origins outside the allowlist and other paths', async () => {
    const strict = await testServer({ allowedOrigins: ['https://parley.example'] });
    try {
      await expect(TestClient.open(strict.server.url, { origin: 'https://evil.example' })).rejects.toThrow(
        /403/,
      );
      await expect(TestClient.open(strict.server.url.replace('/ws', '/other'))).rejects.toThrow(/404/);
      const allowed = await TestClient.open(strict.server.url, { origin: 'https://parley.example' });
      await allowed.hello('Ok');
      allowed.close();
    } finally {
      await strict.stop();
    }
  });
});

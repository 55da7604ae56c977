/** Behind a load balancer: a trusted proxy's X-Forwarded-For names the client limits count by. */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TrustedProxies } from './client-address';
import { afterEachTest, TestClient } from './test-client';

/** Whether a WebSocket opens when the balancer says it carries `forwardedFor`. */
function opensAs(url: string, forwardedFor: string): Promise<WebSocket | undefined> {
  return new Promise((done) => {
    const socket = new WebSocket(url, { headers: { 'x-forwarded-for': forwardedFor } });
    socket.on('error', () => done(undefined));
    socket.on('open', () => done(socket));
  });
}

const socketFrom = (remoteAddress: string) => ({ remoteAddress }) as Socket;

describe('trusted proxies', () => {
  const { later, server } = afterEachTest();

  it('believe only the rightmost hop a trusted proxy did not write', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8', '::1']);
    const balancer = socketFrom('::ffff:10.1.2.3');
    expect(proxies.clientOf(balancer, '203.0.113.7')).toBe('203.0.113.7');
    // The client wrote the left entries itself: they prove nothing.
    expect(proxies.clientOf(balancer, '198.51.100.9, 203.0.113.7')).toBe('203.0.113.7');
    // A chain of our own proxies is skipped.
    expect(proxies.clientOf(balancer, '203.0.113.7, 10.9.9.9')).toBe('203.0.113.7');
    expect(proxies.clientOf(balancer, ['2001:db8:1:2::5', '10.0.0.1'])).toBe('2001:db8:1:2::/64');
    // Garbage stops the walk: the proxy itself is counted.
    expect(proxies.clientOf(balancer, 'not-an-address')).toBe('10.1.2.3');
    expect(proxies.clientOf(balancer, undefined)).toBe('10.1.2.3');
    // Anyone else's header is ignored.
    expect(proxies.clientOf(socketFrom('203.0.113.50'), '198.51.100.1')).toBe('203.0.113.50');
    expect(new TrustedProxies([]).clientOf(socketFrom('10.1.2.3'), '198.51.100.1')).toBe('10.1.2.3');
  });

  it('refuse a malformed entry at start, naming it', async () => {
    await expect(server({ trustedProxies: ['10.0.0.0/40'] })).rejects.toThrow(/IP address or CIDR range/);
    await expect(server({ trustedProxies: ['balancer.local'] })).rejects.toThrow(/IP address or CIDR range/);
  });

  it('count connections per forwarded client, so one client cannot use up the balancer', async () => {
    const env = await server({ trustedProxies: ['127.0.0.1'], limits: { maxConnectionsPerAddress: 2 } });
    const held = [
      await opensAs(env.server.url, '198.51.100.1'),
      await opensAs(env.server.url, '198.51.100.1'),
    ];
    later(() => held.forEach((socket) => socket?.terminate()));
    expect(held.every(Boolean)).toBe(true);
    expect(await opensAs(env.server.url, '198.51.100.1')).toBeUndefined();
    // Writing another address in front of the balancer's own entry does not help.
    expect(await opensAs(env.server.url, '192.0.2.44, 198.51.100.1')).toBeUndefined();
    const other = await opensAs(env.server.url, '198.51.100.2');
    expect(other).toBeDefined();
    other?.terminate();
    held[0]?.terminate();
    // The server counts it out once it sees the close.
    while (!(await opensAs(env.server.url, '198.51.100.1').then((socket) => socket?.terminate() ?? true)));
  });

  it('give each forwarded client its own new-session allowance', async () => {
    const env = await server({
      trustedProxies: ['127.0.0.1'],
      limits: { addressSessionsPerSecond: 0.01, addressSessionBurst: 1 },
    });
    const open = async (forwardedFor: string) => {
      const client = new TestClient((await opensAs(env.server.url, forwardedFor))!);
      later(() => client.close());
      return client;
    };
    expect((await (await open('198.51.100.1')).hello('First')).peerId).not.toBe('');
    const second = await open('198.51.100.1');
    second.send({ type: 'hello', name: 'Second' });
    await second.error('rate_limited');
    expect((await (await open('198.51.100.2')).hello('Other')).peerId).not.toBe('');
  });

  it('ignore the header from anyone not trusted', async () => {
    const env = await server({ limits: { maxConnectionsPerAddress: 2 } });
    const held = [
      await opensAs(env.server.url, '198.51.100.1'),
      await opensAs(env.server.url, '198.51.100.2'),
    ];
    later(() => held.forEach((socket) => socket?.terminate()));
    expect(held.every(Boolean)).toBe(true);
    expect(await opensAs(env.server.url, '198.51.100.3')).toBeUndefined();
  });
});

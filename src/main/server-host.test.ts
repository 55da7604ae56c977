import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import type { TransportStatus } from '../shared/transport';
import { createSelfSignedCertificate } from './self-signed-certificate';
import { ServerHost } from './server-host';
import { lanAddress } from './server-plan';
import { openSignalingClient } from './signaling-connect';

const hosts: ServerHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

function newHost(): ServerHost {
  const host = new ServerHost(undefined);
  hosts.push(host);
  return host;
}

/** Opens a real WebSocket to the server and reads the server's first answer to hello. */
async function hello(wsUrl: string): Promise<{ type: string }> {
  const { WebSocket } = await import('ws');
  const socket = new WebSocket(wsUrl);
  try {
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ v: 1, type: 'hello', name: 'Probe' }));
    return await new Promise((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
  } finally {
    socket.close();
  }
}

describe('ServerHost', () => {
  it('starts the embedded server on loopback and says where', async () => {
    const host = newHost();
    const info = await host.apply({ mode: 'embedded', allowLan: false, port: 0 });
    expect(info).toMatchObject({ state: 'ready', mode: 'embedded', lan: false });
    if (info.state !== 'ready') throw new Error('not ready');
    expect(info.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(await hello(info.wsUrl)).toMatchObject({ type: 'welcome' });
  });

  it('takes a free port when the usual one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const info = await newHost().apply({ mode: 'embedded', allowLan: false, port: taken });
      if (info.state !== 'ready') throw new Error(`not ready: ${JSON.stringify(info)}`);
      expect(info.wsUrl).not.toContain(`:${taken}/`);
      expect(await hello(info.wsUrl)).toMatchObject({ type: 'welcome' });
    } finally {
      blocker.close();
    }
  });

  it('stops the embedded server when switched to a remote one, and tells listeners', async () => {
    const host = newHost();
    const seen: string[] = [];
    host.onChange((info) => seen.push(info.state === 'ready' ? info.mode : info.state));
    const embedded = await host.apply({ mode: 'embedded', allowLan: false, port: 0 });
    if (embedded.state !== 'ready') throw new Error('not ready');
    const remote = await host.apply({ mode: 'remote', url: 'wss://talk.example.org/ws' });
    expect(remote).toMatchObject({ mode: 'remote', wsUrl: 'wss://talk.example.org/ws' });
    expect(seen).toEqual(['embedded', 'remote']);
    await expect(hello(embedded.wsUrl)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('applies quick successive changes one at a time, ending on the last', async () => {
    const host = newHost();
    const [, , last] = await Promise.all([
      host.apply({ mode: 'embedded', allowLan: false, port: 0 }),
      host.apply({ mode: 'remote', url: 'wss://talk.example.org/ws' }),
      host.apply({ mode: 'embedded', allowLan: false, port: 0 }),
    ]);
    expect(host.info).toBe(last);
    if (last.state !== 'ready') throw new Error('not ready');
    expect(await hello(last.wsUrl)).toMatchObject({ type: 'welcome' });
  });

  it('keeps the running server when nothing changed', async () => {
    const host = newHost();
    const first = await host.apply({ mode: 'embedded', allowLan: false, port: 0 });
    const second = await host.apply({ mode: 'embedded', allowLan: false, port: 0 });
    expect(second).toBe(first);
  });

  it('visits a link’s server for now, keeps it across unrelated settings saves, leaves it when the server setting changes', async () => {
    const host = newHost();
    const setting = { mode: 'embedded', allowLan: false, port: 0 } as const;
    await host.apply(setting);
    const visit = await host.visit('wss://talk.example.org/ws');
    expect(visit).toMatchObject({ mode: 'remote', wsUrl: 'wss://talk.example.org/ws' });
    // Any other setting saved re-applies the same server setting: the visit stays.
    expect(await host.apply({ ...setting })).toBe(visit);
    const back = await host.apply({ ...setting, allowLan: true });
    expect(back).toMatchObject({ state: 'ready', mode: 'embedded' });
  });

  const lan = lanAddress(networkInterfaces());
  if (!lan) console.log('LAN TLS test skipped: this machine has no network address besides loopback');
  it.skipIf(!lan)(
    'serves LAN guests over TLS with its own certificate, which main’s client trusts alone',
    async () => {
      const certificate = { ...createSelfSignedCertificate('Parley test', [lan!], 30), fingerprint: 'AA:BB' };
      const host = new ServerHost(undefined, async () => certificate);
      hosts.push(host);
      const info = await host.apply({ mode: 'embedded', allowLan: true, port: 0 });
      expect(info).toMatchObject({ state: 'ready', lan: true, fingerprint: 'AA:BB' });
      if (info.state !== 'ready') throw new Error('not ready');
      expect(info.wsUrl).toMatch(new RegExp(`^wss://${lan!.replaceAll('.', '\\.')}:\\d+/ws$`));
      expect(info.inviteOrigin).toMatch(/^https:/);
      expect(host.pinnedCertificate).toBe(certificate.cert);

      const firstStatus = (pinned: string) =>
        new Promise<TransportStatus>((resolve) => {
          const client = openSignalingClient(info.wsUrl, 'Ada', pinned);
          client.onStatus((status) => {
            if (status.state === 'connecting') return;
            resolve(status); // before close(), which reports 'closed' to this same listener
            client.close();
          });
        });
      expect(await firstStatus(certificate.cert)).toMatchObject({ state: 'open' });
      const stranger = createSelfSignedCertificate('Someone else', [lan!], 30).cert;
      expect(await firstStatus(stranger)).toMatchObject({ state: 'reconnecting' });
    },
  );
});

/**
 * deploy/haproxy/haproxy.cfg under the real HAProxy: the shipped file passes `haproxy -c` (and a
 * broken copy does not), and run on loopback in front of two real parley servers it ends TLS,
 * health-checks /healthz, passes WebSocket upgrades at /ws from the public origin only, spreads
 * sockets over the instances, caps connections and new sockets per client address, and routes
 * around an instance that stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { Agent as HttpsAgent, get as httpsGet } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { checkServerIdentity as checkIdentity, type PeerCertificate } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createSelfSignedCertificate } from '../src/main/self-signed-certificate';
import { startSignalingServer, type SignalingServer } from '../src/server/index';
import { TestClient } from '../src/server/test-client';
import { freePort } from '../src/server/free-port';

const PUBLIC_HOST = 'parley.example';
const PUBLIC_ORIGIN = `https://${PUBLIC_HOST}`;
const SHIPPED = readFileSync('deploy/haproxy/haproxy.cfg', 'utf8');
// Debian puts it in /usr/sbin, which an unprivileged user's PATH may lack.
const HAPROXY = ['haproxy', '/usr/sbin/haproxy'].find((command) => !spawnSync(command, ['-v']).error);
const missing = HAPROXY
  ? undefined
  : 'haproxy is not installed (Debian: apt-get install haproxy; .ci/run does)';
if (missing) console.warn(`skipping the HAProxy deployment tests: ${missing}`);

const dir = mkdtempSync(join(tmpdir(), 'parley-haproxy-'));
const certs = join(dir, 'certs');
const certificate = createSelfSignedCertificate('parley-test', ['127.0.0.1'], 1);
mkdirSync(certs);
// HAProxy reads certificate and key from one PEM per name in its certificate directory.
writeFileSync(join(certs, 'parley.pem'), certificate.cert + certificate.key);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `text` with `pattern` replaced; a pattern the shipped file no longer has fails the test here. */
function edit(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text)) throw new Error(`haproxy.cfg no longer matches ${pattern}`);
  return text.replace(pattern, replacement);
}

/** The shipped file with only the certificate directory moved: what `haproxy -c` checks. */
const withTestCerts = (text: string): string => edit(text, /\/etc\/haproxy\/certs\//g, `${certs}/`);

function check(text: string): { status: number | null; output: string } {
  const file = join(dir, 'check.cfg');
  writeFileSync(file, text);
  const result = spawnSync(HAPROXY!, ['-c', '-f', file], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** HAProxy's answer to one command on its admin socket. */
function admin(socketPath: string, command: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const socket = connect(socketPath, () => socket.end(`${command}\n`));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

/** The statistics row of each instance (`show stat`). */
async function instanceStats(socketPath: string): Promise<Map<string, Record<string, string>>> {
  const csv = await admin(socketPath, 'show stat');
  const [header = '', ...rows] = csv.trim().split('\n');
  const fields = header.replace(/^# /, '').split(',');
  const stats = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const record = Object.fromEntries(row.split(',').map((value, at) => [fields[at], value]));
    if (record.pxname === 'parley' && /^parley\d$/.test(record.svname ?? ''))
      stats.set(record.svname!, record);
  }
  return stats;
}

async function until<T>(what: () => string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'not yet';
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()} (${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function request(
  url: string,
  agent?: HttpsAgent,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    // The test certificate names the balancer's address, not the public name in Host.
    const checkServerIdentity = (_: string, cert: PeerCertificate) => checkIdentity('127.0.0.1', cert);
    get(url, { ca: certificate.cert, headers: { host: PUBLIC_HOST }, checkServerIdentity, agent }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    }).on('error', reject);
  });
}

describe.skipIf(missing)('the HAProxy config', () => {
  it('passes haproxy -c as shipped, and a misspelt copy does not', () => {
    const shipped = check(withTestCerts(SHIPPED));
    expect(shipped.output).toContain('Configuration file is valid');
    expect(shipped.status).toBe(0);

    const broken = check(withTestCerts(edit(SHIPPED, /timeout tunnel/, 'timeout tunel')));
    expect(broken.output).toMatch(/tunel/);
    expect(broken.status).not.toBe(0);
  });
});

describe.skipIf(missing)('HAProxy in front of two parley servers', () => {
  const instances: SignalingServer[] = [];
  const clients: TestClient[] = [];
  const adminSocket = join(dir, 'admin.sock');
  let haproxy: ChildProcess | undefined;
  let haproxyOutput = '';
  let httpPort = 0;
  let httpsPort = 0;
  const wsUrl = (): string => `wss://127.0.0.1:${httpsPort}/ws`;
  // Browsers say the public name, not the balancer's address.
  const open = (origin = PUBLIC_ORIGIN): Promise<TestClient> =>
    TestClient.open(wsUrl(), { ca: certificate.cert, origin, headers: { host: PUBLIC_HOST } });

  beforeAll(async () => {
    httpPort = await freePort();
    httpsPort = await freePort();
    // As in the systemd unit: loopback, and the public origin allowed by flag.
    for (let i = 0; i < 2; i++)
      instances.push(
        await startSignalingServer({ host: '127.0.0.1', port: 0, allowedOrigins: [PUBLIC_ORIGIN] }),
      );

    // Unprivileged and in the foreground, on loopback ports, in front of these two instances.
    let config = withTestCerts(SHIPPED);
    config = edit(config, /^\s*(chroot|user|group|daemon|log \/dev\/log)\b.*\n/gm, '');
    config = edit(config, /\/run\/haproxy\/admin\.sock/, adminSocket);
    // An unprivileged process cannot raise its file limit to what 50,000 connections need.
    config = edit(config, /^(\s*)maxconn 50000/m, '$1maxconn 1000');
    config = edit(config, /^\s*bind :::.*\n/gm, '');
    config = edit(config, /bind :80\b/, `bind 127.0.0.1:${httpPort}`);
    config = edit(config, /bind :443\b/, `bind 127.0.0.1:${httpsPort}`);
    config = edit(config, /^\s*server parley\d .*\n/gm, '');
    config += instances.map((server, at) => `    server parley${at + 1} 127.0.0.1:${server.port}\n`).join('');
    const file = join(dir, 'run.cfg');
    writeFileSync(file, config);
    haproxy = spawn(HAPROXY!, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    haproxy.stdout?.on('data', (chunk: Buffer) => (haproxyOutput += chunk.toString()));
    haproxy.stderr?.on('data', (chunk: Buffer) => (haproxyOutput += chunk.toString()));

    // Up means each instance answered the shipped health check with a 200.
    await until(
      () => `both instances to pass /healthz; HAProxy said: ${haproxyOutput}`,
      async () => {
        const stats = await instanceStats(adminSocket);
        const passed = ['parley1', 'parley2'].every((name) => stats.get(name)?.check_status === 'L7OK');
        return passed ? true : undefined;
      },
    );
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    haproxy?.kill('SIGKILL');
    await Promise.all(instances.map((server) => server.close()));
  });

  it('serves https, and sends plain http there', async () => {
    const health = await request(`https://127.0.0.1:${httpsPort}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');

    const plain = await request(`http://127.0.0.1:${httpPort}/?room=abc`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`https://${PUBLIC_HOST}/?room=abc`);
  });

  it('passes WebSocket upgrades from the public origin and spreads them over the instances', async () => {
    for (const name of ['Alice', 'Bob']) {
      const client = await open();
      clients.push(client);
      const welcome = await client.hello(name);
      expect(welcome.peerId).not.toBe('');
    }
    const stats = await instanceStats(adminSocket);
    expect([stats.get('parley1')?.scur, stats.get('parley2')?.scur]).toEqual(['1', '1']);
  });

  it('refuses a page from another origin', async () => {
    await expect(open('https://evil.example')).rejects.toThrow(/403/);
  });

  it('lets one address hold 64 connections, refuses the 65th, and lets one in again when one closes', async () => {
    // What this address holds already (the clients above), from HAProxy's own table.
    const held = async (): Promise<number> =>
      Number(/conn_cur=(\d+)/.exec(await admin(adminSocket, 'show table parley'))?.[1] ?? 0);
    const idle: Socket[] = [];
    try {
      // Topped up until the table says 64: a socket of the tests above may still be closing.
      await until(
        () => '64 connections in the table',
        async () => {
          const now = await held();
          if (now >= 64) return true;
          idle.push(
            await new Promise<Socket>((ready) => {
              const socket = connect(httpsPort, '127.0.0.1', () => ready(socket));
            }),
          );
          return undefined;
        },
      );
      expect(await held()).toBe(64);
      await expect(open()).rejects.toThrow();

      idle.pop()!.destroy();
      await until(
        () => 'a connection to close',
        async () => ((await held()) === 63 ? true : undefined),
      );
      const client = await open();
      clients.push(client);
      await client.hello('Frank');
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it('takes a stopped instance out: new clients get the other one, and the check says it is down', async () => {
    await instances[0]!.close();
    for (const name of ['Carol', 'Dave', 'Erin']) {
      const client = await open();
      clients.push(client);
      await client.hello(name);
    }
    const stats = await until(
      () => 'parley1 to be marked down',
      async () => {
        const now = await instanceStats(adminSocket);
        return now.get('parley1')?.status === 'DOWN' ? now : undefined;
      },
    );
    expect(stats.get('parley1')?.check_status).toBe('L4CON');
    // Everyone still connected (the new three among them) is on the live instance.
    const connected = clients.filter((client) => client.socket.readyState === WebSocket.OPEN);
    expect(connected.length).toBeGreaterThanOrEqual(3);
    expect(stats.get('parley2')?.scur).toBe(String(connected.length));
  });

  // Last: it leaves this address unable to open sockets for 10 s.
  it('refuses more than 100 requests for /ws in 10 s from one address, and only those', async () => {
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
    const wsPath = `https://127.0.0.1:${httpsPort}/ws`;
    try {
      // The sockets the tests above opened count too: ask until refused, at most 101 times.
      let status = 0;
      for (let asked = 0; asked <= 100 && status !== 429; asked++)
        status = (await request(wsPath, agent)).status;
      expect(status).toBe(429);
      const table = await admin(adminSocket, 'show table socket_rate');
      expect(Number(/http_req_rate\(10000\)=(\d+)/.exec(table)?.[1])).toBeGreaterThan(100);
      await expect(open()).rejects.toThrow(/429/);
      expect((await request(`https://127.0.0.1:${httpsPort}/healthz`, agent)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

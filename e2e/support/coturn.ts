/**
 * Debian's coturn (`turnserver`) on loopback for tests: TURN REST auth with a
 * random shared secret, relaying between loopback addresses (test only: the
 * deployed config in deploy/coturn denies them). stop() and start() reuse the
 * same port, so a test can take TURN away and bring it back under a live call.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TURNSERVER = '/usr/bin/turnserver';
const TURN_REALM = 'parley.test';

/** Why coturn cannot run here, or undefined when it can. */
export function coturnUnavailable(): string | undefined {
  const probe = spawnSync(TURNSERVER, ['--version'], { encoding: 'utf8' });
  return probe.error ? `coturn is not installed (${TURNSERVER}: ${probe.error.message})` : undefined;
}

/** One coturn on one port; stop() and start() may alternate, dispose() ends it for good. */
export class Coturn {
  readonly secret = randomBytes(24).toString('hex');
  /** The TURN URL clients use (UDP to 127.0.0.1). */
  readonly url: string;
  private child: ChildProcess | undefined;
  private output = '';
  // coturn writes a pid file and opens an SQLite user db even when unused: keep both out of /var.
  private readonly workDir = mkdtempSync(join(tmpdir(), 'parley-coturn-'));
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGKILL');
  };

  private constructor(readonly port: number) {
    this.url = `turn:127.0.0.1:${port}?transport=udp`;
    process.once('exit', this.killOnExit);
  }

  /** A running coturn with a fresh random secret on a free port. */
  static async start(): Promise<Coturn> {
    const coturn = new Coturn(await freePort());
    await coturn.start();
    return coturn;
  }

  /** Starts it (again) on the same port; resolves once it answers STUN. */
  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(TURNSERVER, this.args(), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
    await untilStunAnswers(
      this.port,
      () => this.child === child,
      () => this.output,
    );
  }

  /** Kills it, as an outage would: allocations vanish without a word to clients. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    process.off('exit', this.killOnExit);
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private args(): string[] {
    return [
      '-n', // no config file: every setting is on this line
      `--listening-port=${this.port}`,
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      '--allow-loopback-peers',
      '--use-auth-secret',
      `--static-auth-secret=${this.secret}`,
      `--realm=${TURN_REALM}`,
      '--fingerprint',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--no-tcp-relay',
      '--relay-threads=1',
      `--pidfile=${join(this.workDir, 'turnserver.pid')}`,
      `--userdb=${join(this.workDir, 'turndb')}`,
      '--log-file=stdout',
      '--simple-log',
    ];
  }
}

/** A port free for both UDP and TCP on 127.0.0.1 (coturn listens on both). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

const STUN_MAGIC_COOKIE = 0x2112a442;

/** Sends STUN Binding requests until coturn answers: only then does it listen. */
async function untilStunAnswers(port: number, alive: () => boolean, output: () => string): Promise<void> {
  const socket = createSocket('udp4');
  const answered = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
  request.writeUInt32BE(STUN_MAGIC_COOKIE, 4);
  randomBytes(12).copy(request, 8);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (!alive()) throw new Error(`turnserver exited while starting:\n${output()}`);
      socket.send(request, port, '127.0.0.1');
      const done = await Promise.race([answered.then(() => true), delay(100).then(() => false)]);
      if (done) return;
    }
    throw new Error(`turnserver did not answer STUN on 127.0.0.1:${port} within 10 s:\n${output()}`);
  } finally {
    socket.close();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Test helpers for the scaled-out server: a real redis-server on a free loopback port, and
 * parley-server instances in their own processes sharing it (run from source through jiti).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const REDIS_SERVER = 'redis-server';

/** Why the Redis tests cannot run here, or null when they can. */
export const redisMissing: string | null =
  spawnSync(REDIS_SERVER, ['--version']).error === undefined
    ? null
    : 'redis-server is not installed (Debian: apt-get install redis-server)';

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += String(chunk);
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready: ${output}`)),
    );
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface RedisProcess {
  readonly url: string;
  /** Stops it (SIGKILL: no goodbye, as a crash); every write was already on disk. */
  kill(): Promise<void>;
  /** Starts it again on the same port from its append-only file. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server that writes every change to disk before answering, as a durable deployment would. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir];
  const durable = ['--appendonly', 'yes', '--appendfsync', 'always'];
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    child = spawn(REDIS_SERVER, [...args, ...durable], { stdio: ['ignore', 'pipe', 'inherit'] });
    await waitForOutput(child, /Ready to accept connections/, 'redis-server');
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => stopChild(child, 'SIGKILL'),
    restart: launch,
    stop: async () => {
      await stopChild(child, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Instance {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** What it logged so far (JSON lines). */
  logs(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const SOURCE_CLI = join(import.meta.dirname, 'cli.ts');

/** A parley-server process on a free port, sharing state through `redisUrl`. */
export async function startInstance(redisUrl: string, flags: string[] = []): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'jiti/register',
      SOURCE_CLI,
      '--port',
      '0',
      '--redis',
      redisUrl,
      '--log-level',
      'warn',
      ...flags,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let logs = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    logs += String(chunk);
  });
  const [, port] = await waitForOutput(child, /listening: http:\/\/127\.0\.0\.1:(\d+)/, 'parley-server');
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    port: Number(port),
    process: child,
    logs: () => logs,
    kill: (signal = 'SIGKILL') => stopChild(child, signal),
  };
}

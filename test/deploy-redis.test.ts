/**
 * deploy/redis/parley.conf under the real redis-server: strangers get nothing, Parley's user
 * gets data, scripts and pub/sub but no administration, a full Redis refuses writes instead of
 * evicting state, and state survives a crash.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/server/free-port';

const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_CLI = '/usr/bin/redis-cli';
const missing = [REDIS_SERVER, REDIS_CLI].some((command) => spawnSync(command, ['--version']).error)
  ? 'redis-server or redis-cli is not installed (Debian: apt-get install redis-server; .ci/run does)'
  : undefined;
if (missing) console.warn(`skipping the Redis config tests: ${missing}`);

const PASSWORD = '<replace-with-a-long-random-password>'; // as shipped
const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let running: ChildProcess | undefined;
afterEach(() => {
  running?.kill('SIGKILL');
  running = undefined;
});

/** redis-server on the shipped file (its data in the temp dir, on a free port), once it accepts. */
async function startRedis(port: number, extra = ''): Promise<void> {
  const data = join(dir, String(port));
  mkdirSync(data, { recursive: true });
  const config = join(data, 'redis.conf');
  const shipped = resolve('deploy/redis/parley.conf');
  writeFileSync(config, `include ${shipped}\nport ${port}\ndir ${data}\ndaemonize no\n${extra}`);
  const redis = spawn(REDIS_SERVER, [config], { stdio: ['ignore', 'pipe', 'pipe'] });
  running = redis;
  let output = '';
  await new Promise<void>((ready, fail) => {
    redis.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) ready();
    });
    redis.once('exit', (code) => fail(new Error(`redis-server exited (${code}): ${output}`)));
  });
}

async function crashRedis(): Promise<void> {
  const redis = running!;
  running = undefined;
  const exited = new Promise((done) => redis.once('exit', done));
  // A crash: no snapshot on the way out, only what the append-only file already holds.
  redis.kill('SIGKILL');
  await exited;
}

/** One command as `user` (none: anonymous); what redis-cli prints. */
function redis(port: number, user: string | undefined, ...command: string[]): string {
  const auth = user ? ['--user', user, '--pass', PASSWORD, '--no-auth-warning'] : [];
  const result = spawnSync(REDIS_CLI, ['-p', String(port), ...auth, ...command], { encoding: 'utf8' });
  return (result.stdout + result.stderr).trim();
}

describe.skipIf(missing)('the Redis config', () => {
  it('lets only Parley’s user in, to data, scripts and pub/sub, not to administration', async () => {
    const port = await freePort();
    await startRedis(port);
    expect(redis(port, undefined, 'ping')).toMatch(/NOAUTH/);
    expect(redis(port, 'parley', 'ping')).toBe('PONG');
    expect(redis(port, 'parley', 'eval', "return redis.call('incr', KEYS[1])", '1', 'seats')).toBe('1');
    expect(redis(port, 'parley', 'xadd', 'inbox', '*', 'signal', 'offer')).toMatch(/^\d+-\d+$/);
    expect(redis(port, 'parley', 'publish', 'instance:1', 'hello')).toBe('0');
    expect(redis(port, 'parley', 'info', 'server')).toContain('redis_version');
    for (const command of [['flushall'], ['config', 'get', 'maxmemory'], ['keys', '*'], ['shutdown']])
      expect(redis(port, 'parley', ...command)).toMatch(/NOPERM/);
  });

  it('refuses writes when full instead of evicting state', async () => {
    const port = await freePort();
    // A tiny memory limit, so it fills within the test.
    await startRedis(port, 'maxmemory 2mb\n');
    // Redis checks memory as a script starts: this one runs, and leaves it over the limit.
    const fill = "for i = 1, 50000 do redis.call('set', 'session:' .. i, string.rep('x', 100)) end";
    redis(port, 'parley', 'eval', fill, '0');
    expect(redis(port, 'parley', 'set', 'session:new', 'x')).toMatch(/OOM command not allowed/);
    // Nothing stored before it filled was evicted.
    expect(redis(port, 'parley', 'dbsize')).toBe('50000');
  });

  it('keeps state across a crash and restart', async () => {
    const port = await freePort();
    await startRedis(port);
    expect(redis(port, 'parley', 'set', 'resume:alice', 'token-hash')).toBe('OK');
    await crashRedis();
    await startRedis(port);
    expect(redis(port, 'parley', 'get', 'resume:alice')).toBe('token-hash');
  });
});

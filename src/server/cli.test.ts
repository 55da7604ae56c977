/** The CLI answers an operator's mistakes with what is wrong and the usage, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { builtCli } from './test-client';

const { cli, unbuilt } = builtCli('CLI option tests');
const run = (...args: string[]) => runWith({}, ...args);
const runWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [cli, '--port', '0', ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ...env },
  });

describe.skipIf(unbuilt)('parley-server options', () => {
  it('names an unknown flag and prints the usage', () => {
    const result = run('--max-conections', '5');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--max-conections'");
    expect(result.stderr).toContain('Usage: parley-server');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('names a malformed trusted proxy', () => {
    const result = run('--trusted-proxy', 'balancer.local');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('expected an IP address or CIDR range');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('takes the Redis URL from PARLEY_REDIS_URL, never printing its password', () => {
    // Port 1: nothing listens, so the server must say it cannot reach that Redis.
    const result = runWith({ PARLEY_REDIS_URL: 'redis://parley:s3cret-pw@127.0.0.1:1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot be reached');
    expect(result.stderr + result.stdout).not.toContain('s3cret-pw');
  });
});

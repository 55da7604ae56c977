/**
 * deploy/systemd: the template unit and its target pass `systemd-analyze verify` without a
 * word, the unit's sandbox rates "OK" or better in `systemd-analyze security`, and the options
 * in server.env start the real server (a misspelt flag would stop it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli } from '../src/server/test-client';

const UNIT = readFileSync('deploy/systemd/parley-server@.service', 'utf8');
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const missing = spawnSync(SYSTEMD_ANALYZE, ['--version']).error
  ? 'systemd-analyze is not installed (Debian: the systemd package)'
  : undefined;
if (missing) console.warn(`skipping the systemd unit checks: ${missing}`);

const { cli: CLI, unbuilt } = builtCli('the server.env check');

const dir = mkdtempSync(join(tmpdir(), 'parley-systemd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const instance = join(dir, 'parley-server@8101.service');
// verify wants ExecStart's program to exist; Node may live elsewhere than /usr/bin here.
writeFileSync(instance, UNIT.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `));
copyFileSync('deploy/systemd/parley-server.target', join(dir, 'parley-server.target'));

const analyze = (...args: string[]) => spawnSync(SYSTEMD_ANALYZE, args, { encoding: 'utf8' });

/** The variables of an EnvironmentFile: KEY=value lines, a trailing backslash joins the next. */
function environmentFile(text: string): Map<string, string> {
  const lines = text.replace(/\\\n/g, '').split('\n');
  const variables = new Map<string, string>();
  for (const line of lines) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) variables.set(match[1]!, match[2]!);
  }
  return variables;
}

describe.skipIf(missing)('the systemd units', () => {
  it('pass systemd-analyze verify without a warning', () => {
    const result = analyze('verify', instance, join(dir, 'parley-server.target'));
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('sandbox the server: exposure 1.5 or less, no capabilities, no new privileges', () => {
    const result = analyze('security', '--offline=yes', instance);
    const exposure = /Overall exposure level for \S+: ([\d.]+)/.exec(result.stdout);
    expect(exposure, result.stdout + result.stderr).not.toBeNull();
    expect(Number(exposure![1])).toBeLessThanOrEqual(1.5);
    for (const setting of [
      'NoNewPrivileges=',
      'ProtectSystem=',
      'ProtectHome=',
      'PrivateDevices=',
      'User=/DynamicUser=',
    ])
      expect(result.stdout).toMatch(new RegExp(`✓ ${setting.replace('/', '\\/')}`));
  });
});

describe.skipIf(unbuilt)('server.env', () => {
  it('holds options the server starts with', async () => {
    const env = environmentFile(readFileSync('deploy/systemd/server.env', 'utf8'));
    const options = env.get('PARLEY_OPTIONS')?.trim().split(/\s+/) ?? [];
    expect(options).toContain('--trusted-proxy');
    // As systemd splits $PARLEY_OPTIONS: one argument per word. Loopback, any free port.
    const server = spawn(process.execPath, [CLI, '--port', '0', ...options], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PARLEY_TURN_SECRET: env.get('PARLEY_TURN_SECRET') },
    });
    let output = '';
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const listening = await new Promise<string>((ready, fail) => {
        server.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening')) ready(chunk.toString());
        });
        server.once('exit', (code) => fail(new Error(`server exited (${code}): ${output}`)));
      });
      expect(listening).toMatch(/parley-server listening: http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      server.kill('SIGKILL');
    }
  });
});

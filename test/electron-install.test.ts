/**
 * Item one of starting Parley: `npm install` fetches Electron's binary, an
 * offline install still succeeds with one warning, and `npm start` says in
 * one sentence what is missing. Run against throwaway projects holding our
 * scripts and a stand-in electron package whose installer works or fails.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const projects: string[] = [];
afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

/** A project with our scripts and an electron package whose install.js runs `installer`. */
function project(installer: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-install-'));
  projects.push(dir);
  cpSync('scripts', join(dir, 'scripts'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"stand-in","type":"module"}');
  if (installer !== null) {
    const electron = join(dir, 'node_modules/electron');
    mkdirSync(electron, { recursive: true });
    writeFileSync(join(electron, 'package.json'), '{"name":"electron","version":"45.5.0"}');
    writeFileSync(join(electron, 'install.js'), installer);
  }
  return dir;
}

const run = (dir: string, script: string) =>
  spawnSync(process.execPath, [join(dir, 'scripts', script)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_EXEC_PATH: '', ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });

/** What electron's installer does on success: the binary in dist/, its name in path.txt. */
const WORKING_INSTALLER = `
const { mkdirSync, writeFileSync } = require('node:fs');
mkdirSync(__dirname + '/dist', { recursive: true });
writeFileSync(__dirname + '/dist/electron', '');
writeFileSync(__dirname + '/path.txt', 'electron');
`;
/** What it does offline: a stack trace and exit code 1. */
const OFFLINE_INSTALLER = `console.error('TypeError: fetch failed\\n    at FetchDownloader.download'); process.exit(1);`;

describe('installing and starting without the Electron binary', () => {
  it('postinstall fetches the binary, quietly, and then start may go', () => {
    const dir = project(WORKING_INSTALLER);
    const install = run(dir, 'postinstall.mjs');
    expect(install.status).toBe(0);
    expect(install.stdout + install.stderr).toBe('');
    expect(run(dir, 'preflight.mjs').status).toBe(0);
  });

  it('offline, install still succeeds with one warning saying how to get it', () => {
    const dir = project(OFFLINE_INSTALLER);
    const install = run(dir, 'postinstall.mjs');
    expect(install.status).toBe(0);
    const lines = (install.stdout + install.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /Electron binary could not be downloaded \(TypeError: fetch failed\).*npx install-electron/,
    );
  });

  it('then start and dev fail at once, with one sentence and no stack trace', () => {
    const dir = project(OFFLINE_INSTALLER);
    const start = run(dir, 'preflight.mjs');
    expect(start.status).toBe(1);
    expect(start.stdout).toBe('');
    expect(start.stderr.trim()).toBe(
      'Parley cannot start: the Electron binary was never downloaded (run `npx install-electron` with internet access).',
    );
  });

  it('says when the electron package itself is missing', () => {
    const dir = project(null);
    expect(run(dir, 'postinstall.mjs').stderr).toMatch(/electron package is not installed/);
    expect(run(dir, 'preflight.mjs').stderr).toMatch(
      /electron package is not installed \(run `npm install`\)/,
    );
  });
});

/**
 * scripts/security-scan.mjs (electronegativity) passes on src/ and fails on
 * a window that turns context isolation off, so the CI step can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const installed = existsSync('tools/electronegativity/node_modules/@doyensec/electronegativity');
if (!installed)
  console.log(
    'Security scan test skipped: run `npm ci --prefix tools/electronegativity` to install the scanner',
  );

const scan = (dir?: string) =>
  spawnSync(process.execPath, ['scripts/security-scan.mjs', ...(dir ? [dir] : [])], { encoding: 'utf8' });

const fixture = mkdtempSync(join(tmpdir(), 'parley-scan-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe.skipIf(!installed)('electronegativity', () => {
  it('finds nothing HIGH or MEDIUM in src/', () => {
    const result = scan();
    expect(result.stdout).toContain('0 blocking');
    expect(result.status).toBe(0);
  }, 120_000);

  it('fails on a window without context isolation', () => {
    writeFileSync(
      join(fixture, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false } });\n",
    );
    const result = scan(fixture);
    expect(result.stdout).toMatch(/HIGH \w+ CONTEXT_ISOLATION_JS_CHECK/);
    expect(result.status).toBe(1);
  }, 120_000);
});

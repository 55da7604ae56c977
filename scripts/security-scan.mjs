#!/usr/bin/env node
/**
 * Electronegativity over src/ for the Electron version we ship. It lives in
 * tools/electronegativity (install: `npm ci --prefix tools/electronegativity`).
 * Fails on any HIGH or MEDIUM finding: fix it, or, where it is safe, say why
 * on its line with an `eng-disable <CHECK>` comment. Usage: security-scan.mjs [dir]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(
  projectDir,
  'tools/electronegativity/node_modules/@doyensec/electronegativity/dist/index.js',
);
const BLOCKING = new Set(['HIGH', 'MEDIUM']);

if (!existsSync(cli)) {
  console.error('Electronegativity is not installed: run `npm ci --prefix tools/electronegativity`.');
  process.exit(2);
}
const electronVersion = JSON.parse(
  readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8'),
).version;
const input = resolve(process.argv[2] ?? join(projectDir, 'src'));
const work = mkdtempSync(join(tmpdir(), 'parley-eng-'));
const report = join(work, 'findings.csv');
try {
  execFileSync(
    process.execPath,
    [cli, '-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', report],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const findings = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [check, severity, confidence, file, location] = line
        .split(',')
        .map((cell) => cell.replace(/"/g, ''));
      return { check, severity, confidence, file, location };
    });
  for (const f of findings) console.log(`${f.severity} ${f.confidence} ${f.check} ${f.file}:${f.location}`);
  const blocking = findings.filter((f) => BLOCKING.has(f.severity));
  console.log(
    `electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${blocking.length} blocking`,
  );
  process.exitCode = blocking.length > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

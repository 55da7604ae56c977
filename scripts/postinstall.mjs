#!/usr/bin/env node
/**
 * `npm install` fetches the Electron binary (electron 45 has no install
 * script of its own and would download on first `require('electron')`,
 * which electron-vite never does). Offline, install still succeeds: one
 * warning, and `npm start` explains what is missing. The download fails in
 * well under a second without a network (no retries), so CI stays quick.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_HINT, findElectronBinary } from './electron-binary.mjs';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function installElectron() {
  let installer;
  try {
    installer = createRequire(join(projectDir, 'package.json')).resolve('electron/install.js');
  } catch {
    return 'the electron package is not installed';
  }
  // electron's installer prints its own stack trace on failure; we say it in one line instead.
  const run = spawnSync(process.execPath, [installer], { cwd: projectDir, encoding: 'utf8' });
  if (run.status === 0) return null;
  const firstLine = `${run.stderr}`.split('\n').find((line) => line.trim()) ?? `exit code ${run.status}`;
  return firstLine.trim();
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
if ('path' in findElectronBinary(projectDir)) process.exit(0);
const failure = installElectron();
if (failure) {
  console.warn(
    `Parley: the Electron binary could not be downloaded (${failure}); the server and tests work without it, ` +
      `but to start the desktop app ${INSTALL_HINT}.`,
  );
}

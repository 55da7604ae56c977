#!/usr/bin/env node
/** Before `npm start` / `npm run dev`: one sentence, not a stack trace, when the Electron binary is missing. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const found = findElectronBinary(join(dirname(fileURLToPath(import.meta.url)), '..'));
if ('reason' in found) {
  console.error(`Parley cannot start: ${found.reason}.`);
  process.exit(1);
}

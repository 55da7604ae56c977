/**
 * Where the Electron executable is, read the way electron-vite and our tests
 * need it: from node_modules/electron/path.txt, WITHOUT requiring the
 * `electron` package (requiring it starts a download). The binary gets there
 * through `npx install-electron` (run by our postinstall).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** How to get the binary, for every message that says it is missing. */
export const INSTALL_HINT = 'run `npx install-electron` with internet access';

/**
 * The Electron executable under `projectDir`, or why there is none.
 * ELECTRON_EXEC_PATH overrides it, as it does for electron-vite (a system-wide Electron, say).
 * @param {string} projectDir
 * @returns {{ path: string } | { reason: string }}
 */
export function findElectronBinary(projectDir) {
  const override = process.env.ELECTRON_EXEC_PATH;
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { reason: `ELECTRON_EXEC_PATH=${override} does not exist` };
  }
  const packageDir = resolve(projectDir, 'node_modules/electron');
  if (!existsSync(packageDir)) return { reason: 'the electron package is not installed (run `npm install`)' };
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `the Electron binary was never downloaded (${INSTALL_HINT})` };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { reason: `the Electron binary ${binary} is missing (${INSTALL_HINT})` };
}

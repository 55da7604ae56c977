import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { killOnExit } from './exit-cleanup.mjs';
import { within } from './wait.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const LISTENING = /listening: (http:\/\/[^\s]+) \(signaling (ws:\/\/[^\s)]+)\)/;

/**
 * The built standalone server (out/server/cli.js, serving the built web client) as a child
 * process on loopback, killed when the bench exits however it exits. `args` are extra CLI flags.
 * restart() is the hand-off a deployment does: SIGTERM (with --state-file: tells clients to come
 * back and writes the state), then the same command on the same port.
 */
export async function startServerProcess(args = []) {
  let port = 0;
  let child;
  const launch = async () => {
    const running = spawn(
      process.execPath,
      ['out/server/cli.js', '--host', '127.0.0.1', '--port', String(port), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = running;
    const forget = killOnExit(() => running.kill('SIGKILL'));
    running.once('exit', forget);
    const listening = new Promise((done, reject) => {
      let output = '';
      running.stdout.on('data', (chunk) => {
        output += chunk;
        const match = LISTENING.exec(output);
        if (match) done({ httpUrl: match[1], wsUrl: match[2] });
      });
      running.once('exit', (code) => reject(new Error(`parley-server exited (${code}): ${output}`)));
    });
    const urls = await within(15_000, 'parley-server start', listening);
    port = Number(new URL(urls.httpUrl).port);
    return { ...urls, listeningAt: performance.now() };
  };
  const stop = async () => {
    const running = child;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill('SIGTERM');
    await within(10_000, 'parley-server stop', exited);
  };
  return {
    ...(await launch()),
    /** The running process's id (for its CPU time). */
    get pid() {
      return child.pid;
    },
    stop,
    /** Stops (hand-off written) and starts again on the same port; resolves when it listens again. */
    async restart() {
      await stop();
      return launch();
    },
  };
}

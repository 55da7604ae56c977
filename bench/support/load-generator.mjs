import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { killOnExit } from './exit-cleanup.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs node with the fd limit raised as far as this machine allows (1,048,576 as root); killed on exit. */
export function spawnNode(args, ipc) {
  const raise = 'ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec node "$@"';
  const child = spawn('bash', ['-c', raise, 'bash', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? ['ipc'] : [])],
  });
  const forget = killOnExit(() => child.kill('SIGKILL'));
  child.on('exit', forget);
  return child;
}

/** User + system CPU time of a process, in µs (from clock ticks at USER_HZ = 100). */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** A load generator process (bench/signaling-load.mjs) and a way to ask it things. */
export function startGenerator() {
  const child = spawnNode(['bench/signaling-load.mjs'], true);
  const pending = new Map();
  let nextId = 0;
  child.on('message', ({ id, result }) => {
    pending.get(id)?.resolve(result);
    pending.delete(id);
  });
  child.on('exit', () => {
    for (const { reject, command } of pending.values())
      reject(new Error(`load generator exited during ${command}`));
  });
  return {
    child,
    ask: (command, request) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject, command });
        child.send({ id, command, ...request });
      }),
  };
}

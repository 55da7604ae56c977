// Signaling benchmark: Parley's server and PeerJS's, each in its own process, driven by load
// generator processes (bench/signaling-load.mjs). Prints one JSON object. See issue 2.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IDLE_TARGET = 50_000;
const PER_GENERATOR = 10_000; // under a generator's own fd limit, and one source address's ports
const RELAY_CLIENTS = 2_000;
const ROOM_SIZE = 4;
const FIXED_RATES = [1_000, 5_000];
const STEP_RATES = [10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000, 80_000];
const P99_LIMIT_MS = 20;

const children = new Set();
const log = (...args) => console.error('[bench]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs node with the fd limit raised as far as this machine allows (1,048,576 as root). */
function spawnNode(args, ipc) {
  const raise = 'ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec node "$@"';
  const child = spawn('bash', ['-c', raise, 'bash', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? ['ipc'] : [])],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function kill(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

function cleanup() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const procStatus = (pid, field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const fdLimit = (pid) => Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1]);

/** Starts a server process; resolves with its pid and port once it prints where it listens. */
async function startServer(kind) {
  const args =
    kind === 'parley'
      ? ['out/server/cli.js', '--host', '127.0.0.1', '--port', '0']
      : ['bench/signaling-peerjs-server.mjs', '0'];
  const child = spawnNode(args, false);
  const port = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening: https?:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
  });
  child.stdout.resume();
  return { child, pid: child.pid, port, target: { kind, host: '127.0.0.1', port } };
}

/** A load generator process and a way to ask it things. */
function startGenerator() {
  const child = spawnNode(['bench/signaling-load.mjs'], true);
  const pending = new Map();
  let nextId = 0;
  child.on('message', ({ id, result }) => {
    pending.get(id)?.resolve(result);
    pending.delete(id);
  });
  child.on('exit', () => {
    for (const { reject, command } of pending.values()) reject(new Error(`load generator exited during ${command}`));
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

/** Idle authenticated connections held, and the server's RSS per connection. */
async function measureIdle(kind) {
  const server = await startServer(kind);
  await sleep(500);
  const baselineKb = procStatus(server.pid, 'VmRSS');
  const serverFdLimit = fdLimit(server.pid);
  const target = Math.min(IDLE_TARGET, serverFdLimit - 100);
  const generators = Array.from({ length: Math.ceil(target / PER_GENERATOR) }, startGenerator);
  const started = performance.now();
  const results = await Promise.all(
    generators.map((generator, i) =>
      generator.ask('open', {
        target: { ...server.target, prefix: i },
        count: Math.min(PER_GENERATOR, target - i * PER_GENERATOR),
        address: `127.0.0.${2 + i}`,
        concurrency: 100,
      }),
    ),
  );
  const connections = results.reduce((sum, result) => sum + result.opened, 0);
  log(`${kind}: ${connections}/${target} idle connections in ${Math.round(performance.now() - started)} ms`);
  await sleep(2000);
  const rssKb = procStatus(server.pid, 'VmRSS');
  await Promise.all(generators.map((generator) => kill(generator.child)));
  await kill(server.child);
  return {
    connections,
    fdLimit: serverFdLimit,
    rss_kb_per_conn: Math.round(((rssKb - baselineKb) / connections) * 100) / 100,
  };
}

const round = (ms) => (ms === null ? null : Math.round(ms * 1000) / 1000);
const passes = (result) =>
  result.p99 !== null &&
  result.p99 < P99_LIMIT_MS &&
  result.received === result.sent &&
  result.errors === 0 &&
  result.achievedRate >= result.rate * 0.95;

/** Relay latency at fixed rates, then the highest rate sustained with p99 under the limit. */
async function measureRelay(kind) {
  const server = await startServer(kind);
  const generator = startGenerator();
  await generator.ask('open', { target: { ...server.target, prefix: 'r' }, count: RELAY_CLIENTS, address: '127.0.0.2', concurrency: 100 });
  await generator.ask('rooms', { roomSize: ROOM_SIZE });
  const p50 = {};
  const p99 = {};
  for (const rate of FIXED_RATES) {
    const result = await generator.ask('relay', { rate, durationMs: 5000, warmupMs: 1000 });
    log(kind, JSON.stringify(result));
    p50[rate] = round(result.p50);
    p99[rate] = round(result.p99);
  }
  let best = 0;
  let failedAt = null;
  for (const rate of STEP_RATES) {
    const result = await generator.ask('relay', { rate, durationMs: 3000, warmupMs: 1000 });
    log(kind, JSON.stringify(result), passes(result) ? 'sustained' : 'not sustained');
    if (!passes(result)) {
      failedAt = rate;
      break;
    }
    best = rate;
  }
  // One more step halfway between the last rate sustained and the first that was not.
  if (failedAt !== null && failedAt - best > 2_000) {
    const rate = Math.round((best + failedAt) / 2 / 1000) * 1000;
    const result = await generator.ask('relay', { rate, durationMs: 3000, warmupMs: 1000 });
    log(kind, JSON.stringify(result), passes(result) ? 'sustained' : 'not sustained');
    if (passes(result)) best = rate;
  }
  await kill(generator.child);
  await kill(server.child);
  return { relay_p50_ms: p50, relay_p99_ms: p99, max_msgs_per_s: best };
}

async function measure(kind) {
  const idle = await measureIdle(kind);
  const relay = await measureRelay(kind);
  return { connections: idle.connections, rss_kb_per_conn: idle.rss_kb_per_conn, ...relay, fd_limit: idle.fdLimit };
}

try {
  const parley = await measure('parley');
  const peerjs = await measure('peerjs');
  console.log(JSON.stringify({ ...parley, peerjs }));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  cleanup();
}

// Scale-out benchmark (issue 13): built parley-server processes, alone or sharing a redis-server,
// driven by load generator processes (bench/signaling-load.mjs), 1 KiB relays between pairs.
// Every setup is up at once and they take turns at each rate, so all figures come from one run.
// Prints one JSON object:
//   relay_p50_ms / relay_p99_ms  {setup: {rate: ms}}, median of the rounds by p99
//   server_cpu_us_per_msg        {setup: {rate: µs}}: CPU (user + system) of the setup's server
//                                processes per relayed message; redis_cpu_us_per_msg the same for Redis
//   exactly_once                 every message of every round arrived, none twice
// Setups: memory_1 (one instance, no Redis), redis_1 (one instance with Redis), and two
// instances with Redis: redis_2_same (pairs on one instance) and redis_2_cross (pairs split).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killOnExit } from './support/exit-cleanup.mjs';
import { cpuMicros, startGenerator } from './support/load-generator.mjs';
import { startServerProcess } from './support/server-process.mjs';
import { within } from './support/wait.mjs';

const CLIENTS_PER_SETUP = 1_000;
const RATES = [1_000, 5_000];
const ROUNDS = 3;
const BENCH_LIMITS = [
  ...['--max-connections', '1000000', '--max-connections-per-address', '1000000'],
  ...['--address-messages-per-second', '1000000', '--address-burst', '1000000'],
  ...['--address-sessions-per-second', '1000000', '--address-session-burst', '1000000'],
  ...['--hello-timeout-ms', '60000', '--log-level', 'warn'],
];
const REDIS_SERVER = 'redis-server';
const log = (...args) => console.error('[bench]', ...args);
const round = (ms) => (ms === null ? null : Math.round(ms * 1000) / 1000);

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server as a deployment would run it: append-only file, fsync every second. */
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-redis-'));
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const forget = killOnExit(() => child.kill('SIGKILL'));
  child.once('exit', () => {
    forget();
    rmSync(dir, { recursive: true, force: true });
  });
  await within(
    10_000,
    'redis-server start',
    new Promise((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    }),
  );
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill('SIGKILL') };
}

/** A generator with `CLIENTS_PER_SETUP` clients spread over `servers`, in pairs. */
async function startSetup(name, servers, acrossServers) {
  const generator = startGenerator();
  const perServer = CLIENTS_PER_SETUP / servers.length;
  for (const [i, server] of servers.entries()) {
    const { hostname, port } = new URL(server.wsUrl);
    await generator.ask('open', {
      target: { kind: 'parley', host: hostname, port: Number(port), prefix: `${name}${i}` },
      count: perServer,
      address: '127.0.0.1',
      concurrency: 100,
    });
  }
  await generator.ask('rooms', { roomSize: 2, acrossServers });
  return { name, servers, generator, runs: new Map(RATES.map((rate) => [rate, []])) };
}

const cpuOf = (pids) => pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);

try {
  const redis = await startRedis();
  const memory = await startServerProcess(BENCH_LIMITS);
  const alone = await startServerProcess([...BENCH_LIMITS, '--redis', redis.url]);
  const pairA = await startServerProcess([...BENCH_LIMITS, '--redis', redis.url]);
  const pairB = await startServerProcess([...BENCH_LIMITS, '--redis', redis.url]);
  const setups = [
    await startSetup('memory_1', [memory], false),
    await startSetup('redis_1', [alone], false),
    await startSetup('redis_2_same', [pairA, pairB], false),
    await startSetup('redis_2_cross', [pairA, pairB], true),
  ];
  let exactlyOnce = true;
  for (const rate of RATES) {
    for (let i = 0; i < ROUNDS; i++) {
      for (const setup of setups) {
        const pids = setup.servers.map((server) => server.pid);
        const before = { server: cpuOf(pids), redis: cpuMicros(redis.pid) };
        // Everything must arrive for exactly-once to mean anything: a slow moment is waited out.
        const run = await setup.generator.ask('relay', {
          rate,
          durationMs: 4000,
          warmupMs: 1000,
          settleMs: 20_000,
        });
        run.cpuMicros = cpuOf(pids) - before.server;
        run.redisCpuMicros = cpuMicros(redis.pid) - before.redis;
        log(setup.name, JSON.stringify(run));
        if (run.received !== run.sent || run.duplicates !== 0) exactlyOnce = false;
        setup.runs.get(rate).push(run);
      }
    }
  }
  const report = { relay_p50_ms: {}, relay_p99_ms: {}, server_cpu_us_per_msg: {}, redis_cpu_us_per_msg: {} };
  for (const { name, runs } of setups) {
    for (const key of Object.keys(report)) report[key][name] = {};
    for (const [rate, rounds] of runs) {
      const median = [...rounds].sort((a, b) => a.p99 - b.p99)[Math.floor(rounds.length / 2)];
      const sent = rounds.reduce((sum, run) => sum + run.sent, 0);
      const sum = (field) => rounds.reduce((total, run) => total + run[field], 0);
      report.relay_p50_ms[name][rate] = round(median.p50);
      report.relay_p99_ms[name][rate] = round(median.p99);
      report.server_cpu_us_per_msg[name][rate] = Math.round(sum('cpuMicros') / sent);
      report.redis_cpu_us_per_msg[name][rate] = Math.round(sum('redisCpuMicros') / sent);
    }
  }
  const p99 = report.relay_p99_ms;
  console.log(
    JSON.stringify({
      clients_per_setup: CLIENTS_PER_SETUP,
      ...report,
      cross_over_same_p99_at_5000: round(p99.redis_2_cross[5000] / p99.redis_2_same[5000]),
      exactly_once: exactlyOnce,
    }),
  );
  for (const setup of setups) setup.generator.child.kill('SIGKILL');
  // Servers first: Redis going away under them would be an outage in their logs.
  await Promise.all([memory, alone, pairA, pairB].map((server) => server.stop()));
  redis.stop();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}

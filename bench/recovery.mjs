// Recovery benchmark (issue 5). Prints one JSON object:
//   reregister_ms — 200 SignalingClients (Node, `ws`) on a parley-server child process; the server
//     restarts with a state hand-off (SIGTERM → close({ restarting }) → same port); time from the
//     new server listening to each client welcomed back with `resumed` and its old peer id.
//   media_recovery_ms — a relay-only call in Chromium (both people on "Relay only"); coturn is
//     killed, and once both tiles say "Reconnecting…" started again on the same port; time from
//     coturn's return to frames decoded again on both sides.
//   frames_lost_during_signaling_restart — on that call, the signaling server restarts: video
//     frames sent minus frames received, both directions, across the restart.
//   media_recovery_ms_baseline — with PARLEY_BASELINE_WEB_ROOT=<an older build's out/renderer>:
//     the same TURN outages in the same run, on a call made with that web client.
// Goals: reregister p95 < 2,000 ms; zero frames lost. Run with `npm run bench:recovery` (builds
// first). Needs Debian's chromium and coturn; everything it starts is stopped on exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { WebSocket } from 'ws';
import { launchChromium } from './support/chromium.mjs';
import { recordPeerConnections } from './support/peer-connections.mjs';
import { startServerProcess } from './support/server-process.mjs';
import { sleep, within } from './support/wait.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLIENTS = 200;
const TURN_OUTAGES = Number(process.env.RUNS ?? 5);
const REREGISTER_GOAL_MS = 2_000;
const RELAY_ONLY = 'Relay only (hide my IP address)';
const BASELINE_WEB_ROOT = process.env.PARLEY_BASELINE_WEB_ROOT;
// 200 clients from one loopback address: lift the per-address limits an honest client never meets.
const LOAD_LIMITS = ['--max-connections-per-address', '1000', '--address-sessions-per-second', '1000'];

const log = (...args) => console.error('[bench:recovery]', ...args);
const workDir = mkdtempSync(join(tmpdir(), 'parley-recovery-'));
const cleanups = [];
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));

/** Polls `check` every `everyMs` until it returns true; the time it took. */
async function until(what, check, { everyMs = 20, timeoutMs = 30_000 } = {}) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
  return performance.now() - started;
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { p50: Math.round(at(0.5)), p95: Math.round(at(0.95)), max: Math.round(sorted.at(-1)) };
}

/** The runtime-neutral SignalingClient and the coturn harness, bundled for plain Node (zod inlined). */
async function loadTypeScriptModules() {
  const outDir = join(workDir, 'modules');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: {
        input: {
          client: resolve(ROOT, 'src/shared/signaling-client.ts'),
          coturn: resolve(ROOT, 'e2e/support/coturn.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  const [{ SignalingClient }, { Coturn, coturnUnavailable }] = await Promise.all([
    import(join(outDir, 'client.mjs')),
    import(join(outDir, 'coturn.mjs')),
  ]);
  return { SignalingClient, Coturn, coturnUnavailable };
}

/** The built parley-server with its own state file, so restart() hands its state over. */
async function startServer(extraArgs = []) {
  const stateFile = join(workDir, `state-${Math.random().toString(36).slice(2)}.json`);
  const server = await startServerProcess(['--state-file', stateFile, ...extraArgs]);
  cleanups.push(server.stop);
  return server;
}

async function measureReregistration(SignalingClient) {
  const server = await startServer([...LOAD_LIMITS, '--address-session-burst', '1000']);
  const clients = Array.from(
    { length: CLIENTS },
    (_, i) => new SignalingClient({ url: server.wsUrl, name: `Bench ${i}`, WebSocket }),
  );
  try {
    await until('all clients welcomed', () => clients.every((c) => c.status.state === 'open'), {
      timeoutMs: 20_000,
    });
    const before = clients.map((c) => c.peerId);
    const backAt = new Array(CLIENTS).fill(null);
    const unsubscribes = clients.map((client, i) =>
      client.onStatus((status) => {
        if (status.state === 'open' && status.resumed && status.peerId === before[i])
          backAt[i] = performance.now();
      }),
    );
    const stoppedAt = performance.now();
    const { listeningAt } = await server.restart();
    await until('all clients resumed', () => backAt.every((t) => t !== null), { timeoutMs: 20_000 });
    unsubscribes.forEach((unsubscribe) => unsubscribe());
    const resumed = clients.filter((c, i) => c.status.state === 'open' && c.peerId === before[i]).length;
    log(`server away ${Math.round(listeningAt - stoppedAt)} ms; ${resumed}/${CLIENTS} resumed`);
    return {
      ...percentiles(backAt.map((t) => t - listeningAt)),
      clients: CLIENTS,
      resumed_same_id: resumed,
      server_away_ms: Math.round(listeningAt - stoppedAt),
    };
  } finally {
    clients.forEach((client) => client.close());
    await server.stop();
  }
}

// ---- in the page ----

/** Stops or restarts this page's camera sender (replaceTrack), so counters can settle for an exact read. */
async function pauseVideo(paused) {
  const pc = globalThis.benchConnections.find((c) => c.connectionState === 'connected');
  const sender = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video').sender;
  if (paused) globalThis.benchCamera = sender.track;
  await sender.replaceTrack(paused ? null : globalThis.benchCamera);
}

/** Video frames this page has sent and received on its live connection. */
async function videoCounters() {
  const pc = globalThis.benchConnections.find((c) => c.connectionState !== 'closed' && c.remoteDescription);
  const counters = { sent: 0, received: 0, decoded: 0 };
  if (!pc) return counters;
  (await pc.getStats()).forEach((report) => {
    if (report.kind !== 'video') return;
    if (report.type === 'outbound-rtp') counters.sent += report.framesSent ?? 0;
    if (report.type === 'inbound-rtp') {
      counters.received += report.framesReceived ?? 0;
      counters.decoded += report.framesDecoded ?? 0;
    }
  });
  return counters;
}

// ---- a relay-only call in Chromium ----

async function openPerson(browser, httpUrl, name, query = '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordPeerConnections);
  await page.goto(`${httpUrl}/?test=1${query}`);
  const field = page.getByLabel('Display name');
  await field.fill(name);
  await field.press('Enter');
  const relayOnly = page.getByRole('checkbox', { name: RELAY_ONLY });
  if ((await relayOnly.count()) === 0) throw new Error(`this build has no "${RELAY_ONLY}" setting`);
  await relayOnly.check();
  return page;
}

async function relayOnlyCall(browser, httpUrl) {
  const alice = await openPerson(browser, httpUrl, 'Alice');
  await alice.getByRole('button', { name: 'New room' }).click();
  const link = await alice.getByRole('textbox', { name: 'Invite link', exact: true }).inputValue();
  const bob = await openPerson(browser, httpUrl, 'Bob', `&room=${new URL(link).searchParams.get('room')}`);
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  const pages = [alice, bob];
  await until('media both ways', () => bothDecodingSince(pages, [{ decoded: 0 }, { decoded: 0 }]));
  return pages;
}

const counters = (pages) => Promise.all(pages.map((page) => page.evaluate(videoCounters)));

async function bothDecodingSince(pages, before) {
  const now = await counters(pages);
  return now.every((c, i) => c.decoded > before[i].decoded);
}

async function measureTurnOutages(pages, coturn) {
  const samples = [];
  for (let run = 0; run < TURN_OUTAGES; run++) {
    await coturn.stop();
    for (const page of pages) await page.getByText('Reconnecting…').first().waitFor({ timeout: 30_000 });
    await until('media stopped without TURN', async () => {
      const before = await counters(pages);
      await sleep(500);
      const after = await counters(pages);
      return after.every((c, i) => c.decoded === before[i].decoded);
    });
    await coturn.start(); // resolves once coturn answers again
    const returned = performance.now();
    const frozen = await counters(pages);
    await until('media back after the TURN outage', () => bothDecodingSince(pages, frozen));
    samples.push(performance.now() - returned);
    log(`TURN outage ${run + 1}: media back ${Math.round(samples.at(-1))} ms after coturn returned`);
    await until('tiles settled', async () => {
      const left = await Promise.all(pages.map((page) => page.getByText('Reconnecting…').count()));
      return left.every((n) => n === 0);
    });
  }
  return { ...percentiles(samples), runs: samples.length };
}

/**
 * Frames sent minus frames received, both directions, read exactly: both cameras paused until
 * nothing is in flight (no counter moves for 300 ms), then resumed.
 */
async function framesOutstanding(pages) {
  await Promise.all(pages.map((page) => page.evaluate(pauseVideo, true)));
  let settled = await counters(pages);
  for (;;) {
    await sleep(300);
    const now = await counters(pages);
    if (now.every((c, i) => c.sent === settled[i].sent && c.received === settled[i].received)) break;
    settled = now;
  }
  await Promise.all(pages.map((page) => page.evaluate(pauseVideo, false)));
  const [a, b] = settled;
  return { outstanding: a.sent - b.received + (b.sent - a.received), sent: a.sent + b.sent };
}

/** Frames lost on the existing link while the signaling server restarts under it. */
async function measureSignalingRestart(pages, server) {
  const before = await framesOutstanding(pages);
  await server.restart();
  const back = await until('clients back after the signaling restart', async () => {
    const trouble = await Promise.all(
      pages.map((page) => page.getByText(/Cannot reach the server|Connecting to the server/).count()),
    );
    return trouble.every((n) => n === 0);
  });
  await sleep(1_000); // media keeps running a moment past the return before the count
  const after = await framesOutstanding(pages);
  log(
    `signaling restart: ${after.sent - before.sent} frames sent across it; ` +
      `clients back ${Math.round(back)} ms after it listened`,
  );
  return after.outstanding - before.outstanding;
}

async function measureMedia(Coturn) {
  const coturn = await Coturn.start();
  cleanups.push(() => coturn.dispose());
  const turn = ['--turn-url', coturn.url, '--turn-secret', coturn.secret];
  const server = await startServer(turn);
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const pages = await relayOnlyCall(browser, server.httpUrl);
  // The signaling restart first, on a fresh call: TURN outages leave the send queues ramping up.
  const frames_lost_during_signaling_restart = await measureSignalingRestart(pages, server);
  const result = {
    media_recovery_ms: await measureTurnOutages(pages, coturn),
    frames_lost_during_signaling_restart,
  };
  await Promise.all(pages.map((page) => page.context().close()));
  if (BASELINE_WEB_ROOT) {
    const baseline = await startServer([...turn, '--web-root', BASELINE_WEB_ROOT]);
    const baselinePages = await relayOnlyCall(browser, baseline.httpUrl);
    result.media_recovery_ms_baseline = await measureTurnOutages(baselinePages, coturn);
  }
  return result;
}

async function main() {
  const { SignalingClient, Coturn, coturnUnavailable } = await loadTypeScriptModules();
  const result = {
    reregister_ms: await within(90_000, 'reregistration', measureReregistration(SignalingClient)),
  };
  const unavailable = coturnUnavailable();
  if (unavailable) {
    result.media_recovery_ms = { skipped: unavailable };
    result.frames_lost_during_signaling_restart = { skipped: unavailable };
  } else {
    try {
      Object.assign(
        result,
        await within(BASELINE_WEB_ROOT ? 480_000 : 240_000, 'media recovery', measureMedia(Coturn)),
      );
    } catch (error) {
      log('media part failed:', error);
      result.media_recovery_ms = { error: String(error) };
      result.frames_lost_during_signaling_restart = { error: String(error) };
    }
  }
  result.goals = {
    reregister_p95_under_2s: result.reregister_ms.p95 < REREGISTER_GOAL_MS,
    zero_frames_lost: result.frames_lost_during_signaling_restart === 0,
  };
  console.log(JSON.stringify(result, null, 2));
}

try {
  await main();
} catch (error) {
  console.error('[bench:recovery] failed:', error);
  process.exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
process.exit();

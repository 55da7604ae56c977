// Time to first remote frame, in one Chromium run (fake 1280x720 camera, loopback):
//   parley — two people in the real web client, ring → accept, through the real signaling server;
//   peerjs — the `peerjs` client with PeerJS's own `peer` server, call → answer;
//   naive  — plain RTCPeerConnection over Parley's relay, the callee opening its camera
//            only once it accepts the offer.
//   floor  — two RTCPeerConnections in one page, connected before the accept (no tracks yet);
//            on the accept the callee opens camera and microphone and both attach their tracks
//            (replaceTrack). The least any app can take here without opening a callee's devices
//            before they accept, and with no signaling trip for the accept.
// Every flow rings for the same RING_MS before the callee accepts (a person takes at least that
// long). Measured: from the accept click to the moment BOTH sides have presented a remote video
// frame (requestVideoFrameCallback), in epoch milliseconds from each page's performance clock.
// Prints one JSON object: {parley, peerjs, naive, floor: {p50_ms, p95_ms, runs}, parley_vs_floor,
// parley_breakdown (median ms from the accept click to each step, from BREAKDOWN_RUNS extra calls
// watched by support/call-timeline.mjs, not counted above), web_client (bytes a guest downloads
// before the lobby is usable, first and second visit; with PARLEY_BASELINE_WEB_ROOT=<an older
// build's out/renderer> that build too), setup}. With PARLEY_BASELINE_WEB_ROOT the Parley calls
// also run on that older client, call by call in turn with the new one and the floor:
// parley_baseline, its ratio to the floor and its breakdown.
// Run with `npm run bench:call` (builds first). RUNS=n overrides the number of calls per flow.
/* global window, document, RTCPeerConnection, MediaStream -- the in-page functions below run in Chromium */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PeerServer } from 'peer';
import { installCallTimeline } from './support/call-timeline.mjs';
import { launchChromium } from './support/chromium.mjs';
import { startServerProcess } from './support/server-process.mjs';
import { sleep } from './support/wait.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
// One uncounted call per flow first: the browser's first call pays one-time costs (codec setup…).
const WARMUP_RUNS = 1;
const RING_MS = 1_000;
const BREAKDOWN_RUNS = Number(process.env.BREAKDOWN_RUNS ?? 5);
const ROOT = resolve(import.meta.dirname, '..');

const log = (...args) => console.error('[bench:call]', ...args);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { p50_ms: Math.round(at(0.5)), p95_ms: Math.round(at(0.95)), runs: sorted.length };
}

function startPeerServer() {
  return new Promise((done) => {
    const app = PeerServer({ host: '127.0.0.1', port: 0, path: '/', key: 'peerjs' }, (server) =>
      done({ port: server.address().port, stop: () => server.close() }),
    );
    void app;
  });
}

/** A blank secure-context page (loopback) that can load the peerjs bundle. */
function startBlankSite() {
  const peerjs = readFileSync(resolve(ROOT, 'node_modules/peerjs/dist/peerjs.min.js'));
  const server = createServer((req, res) => {
    if (req.url === '/peerjs.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(peerjs);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    }
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() }),
    ),
  );
}

// ---- in-page helpers (run by page.evaluate) ----

/**
 * Installs window.__firstFrame(video) → resolves epoch ms of the first presented frame, and
 * window.__openCamera() → the fake 1280x720 camera with the microphone, as every flow opens them.
 */
function installFrameClock() {
  window.__openCamera = () =>
    navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
  window.__now = () => performance.timeOrigin + performance.now();
  window.__firstFrame = (video) =>
    new Promise((done) => video.requestVideoFrameCallback(() => done(window.__now())));
  window.__show = (stream) => {
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true;
    video.srcObject = stream;
    document.body.append(video);
    window.__frame = window.__firstFrame(video);
  };
}

// ---- parley ----

/** Alice and Bob in the web client of `server`; `call(watched)` makes one ring → accept → hang-up. */
async function parleyPair(browser, server) {
  const open = async (name) => {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(installCallTimeline);
    await page.goto(`${server.httpUrl}/?test=1`);
    const field = page.getByLabel('Display name');
    await field.fill(name);
    await field.press('Enter');
    return page;
  };
  const alice = await open('Alice');
  const bob = await open('Bob');
  const firstFrameOf = (page, name) =>
    page
      .getByRole('group', { name, exact: true })
      .locator('video[data-first-frame]')
      .getAttribute('data-first-frame', { timeout: 20_000 })
      .then(Number);
  /** One call: its sample (ms), and with `watched` its timeline (the timeline polls getStats). */
  const call = async (watched) => {
    await alice.getByRole('button', { name: 'Call Bob' }).click();
    const accept = bob.getByRole('button', { name: 'Accept with video' });
    await accept.waitFor();
    await sleep(RING_MS);
    await bob.evaluate(() => {
      window.__acceptAt = null;
      document.addEventListener(
        'click',
        () => (window.__acceptAt = performance.timeOrigin + performance.now()),
        {
          capture: true,
          once: true,
        },
      );
    });
    if (watched) {
      await bob.evaluate(() => (window.__timelineArmed = true));
      await alice.evaluate(() => window.__timelineStart());
    }
    await accept.click();
    const [aliceSees, bobSees] = await Promise.all([firstFrameOf(alice, 'Bob'), firstFrameOf(bob, 'Alice')]);
    const acceptAt = await bob.evaluate(() => window.__acceptAt);
    let timeline = null;
    if (watched) {
      const [caller, callee] = await Promise.all(
        [alice, bob].map((page) =>
          page
            .waitForFunction(() => window.__timeline?.first_decoded)
            .then(() =>
              page.evaluate(() => {
                window.__timelineArmed = false;
                return window.__timeline;
              }),
            ),
        ),
      );
      timeline = callTimeline(acceptAt, caller, callee, Math.max(aliceSees, bobSees));
    }
    await alice.getByRole('button', { name: 'Leave call' }).click();
    await bob.getByRole('button', { name: 'New room' }).waitFor();
    await alice.getByRole('button', { name: 'Call Bob' }).waitFor();
    return { sample: Math.max(aliceSees, bobSees) - acceptAt, timeline };
  };
  const close = async () => {
    await alice.context().close();
    await bob.context().close();
  };
  return { call, close };
}

/** One watched call's steps, in ms after the accept click (null: the step did not happen after it). */
function callTimeline(acceptAt, caller, callee, bothPresentedAt) {
  const after = (at) => (at === undefined ? null : at - acceptAt);
  return {
    accept_reached_caller: after(caller.accept_reached_caller),
    callee_devices_open: after(callee.devices_open),
    callee_video_attached: after(callee.video_attached),
    caller_video_attached: after(caller.video_attached),
    callee_first_encoded: after(callee.first_encoded),
    caller_first_encoded: after(caller.first_encoded),
    caller_first_decoded: after(caller.first_decoded),
    callee_first_decoded: after(callee.first_decoded),
    both_presented: after(bothPresentedAt),
  };
}

function medianTimeline(timelines) {
  if (timelines.length === 0) return null;
  const steps = Object.keys(timelines[0]);
  const result = { runs: timelines.length };
  for (const step of steps) {
    const values = timelines.map((t) => t[step]).filter((v) => v !== null);
    result[step] = values.length ? Math.round(median(values)) : null;
  }
  return result;
}

// ---- floor: two peer connections in one page, connected before the accept ----

/** One page for the floor; `call()` makes one ring → accept and returns its sample (ms). */
async function floorPage(browser, site) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(site.url);
  await page.evaluate(installFrameClock);
  const call = async () => {
    // Ringing: the caller's camera is open, the two connections are up, nothing is sent.
    await page.evaluate(async () => {
      window.__stream ??= await window.__openCamera();
      const [caller, callee] = [new RTCPeerConnection(), new RTCPeerConnection()];
      caller.onicecandidate = ({ candidate }) => candidate && callee.addIceCandidate(candidate);
      callee.onicecandidate = ({ candidate }) => candidate && caller.addIceCandidate(candidate);
      for (const kind of ['audio', 'video']) caller.addTransceiver(kind, { direction: 'sendrecv' });
      await caller.setLocalDescription();
      await callee.setRemoteDescription(caller.localDescription);
      for (const transceiver of callee.getTransceivers()) transceiver.direction = 'sendrecv';
      await callee.setLocalDescription();
      await caller.setRemoteDescription(callee.localDescription);
      await new Promise((connected) => {
        const check = () => {
          if (caller.connectionState === 'connected' && callee.connectionState === 'connected') connected();
        };
        caller.onconnectionstatechange = callee.onconnectionstatechange = check;
        check();
      });
      const remoteVideo = (pc) => new MediaStream(pc.getTransceivers().map((t) => t.receiver.track));
      const frames = [caller, callee].map((pc) => {
        const video = document.createElement('video');
        Object.assign(video, { autoplay: true, playsInline: true, muted: true, srcObject: remoteVideo(pc) });
        document.body.append(video);
        return window.__firstFrame(video);
      });
      window.__floor = { caller, callee, frames };
    });
    await sleep(RING_MS);
    const sample = await page.evaluate(async () => {
      const { caller, callee, frames } = window.__floor;
      const acceptAt = window.__now();
      const attach = (pc, stream) =>
        Promise.all(
          pc
            .getTransceivers()
            .map((t) =>
              t.sender.replaceTrack(stream.getTracks().find((track) => track.kind === t.receiver.track.kind)),
            ),
        );
      const callerLive = attach(caller, window.__stream);
      window.__calleeStream = await window.__openCamera();
      await Promise.all([callerLive, attach(callee, window.__calleeStream)]);
      return Math.max(...(await Promise.all(frames))) - acceptAt;
    });
    await page.evaluate(() => {
      window.__floor.caller.close();
      window.__floor.callee.close();
      window.__calleeStream.getTracks().forEach((t) => t.stop());
      document.querySelectorAll('video').forEach((v) => v.remove());
    });
    await sleep(200);
    return sample;
  };
  return { call, close: () => page.context().close() };
}

// ---- web client bytes ----

/**
 * Bytes on the wire (headers and compressed bodies, as Chromium counts them) from navigating to
 * the web client until the lobby is usable ("New room" enabled), on a first visit (empty cache)
 * and a second one in the same profile.
 */
async function guestBytes(browser, httpUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let visit = { bytes: 0, requests: 0 };
  cdp.on('Network.loadingFinished', ({ encodedDataLength }) => {
    visit.bytes += encodedDataLength;
    visit.requests += 1;
  });
  const load = async () => {
    visit = { bytes: 0, requests: 0 };
    await page.goto(`${httpUrl}/`);
    await page.getByRole('button', { name: 'New room' }).and(page.locator(':enabled')).waitFor();
    return visit;
  };
  const first_visit = await load();
  await sleep(1_000); // the call view's chunk loads after the lobby: let it reach the cache
  const second_visit = await load();
  await context.close();
  return { first_visit, second_visit };
}

// ---- peerjs ----

async function peerjsRuns(browser, site, peerServer) {
  const open = async (id) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.addScriptTag({ url: `${site.url}peerjs.min.js` });
    await page.evaluate(installFrameClock);
    await page.evaluate(
      ({ id, port }) =>
        new Promise((ready, fail) => {
          window.__peer = new window.Peer(id, {
            host: '127.0.0.1',
            port,
            path: '/',
            key: 'peerjs',
            config: { iceServers: [] },
          });
          window.__peer.on('open', ready);
          window.__peer.on('error', (error) => fail(String(error)));
        }),
      { id, port: peerServer.port },
    );
    return page;
  };
  const alice = await open(`alice-${Date.now()}`);
  const bobId = `bob-${Date.now()}`;
  const bob = await open(bobId);
  await bob.evaluate(() => {
    window.__peer.on('call', (call) => {
      window.__incoming = call;
    });
  });
  const samples = [];
  for (let run = -WARMUP_RUNS; run < RUNS; run += 1) {
    await alice.evaluate(async (to) => {
      window.__stream ??= await window.__openCamera();
      window.__call = window.__peer.call(to, window.__stream);
      window.__call.on('stream', (remote) => window.__show(remote));
    }, bobId);
    await bob.waitForFunction(() => window.__incoming);
    // PeerJS's usual app keeps the camera open too: give the callee its stream before accepting.
    await bob.evaluate(async () => {
      window.__stream ??= await window.__openCamera();
    });
    await sleep(RING_MS);
    const sample = await measurePair(alice, bob, () => {
      const call = window.__incoming;
      call.on('stream', (remote) => window.__show(remote));
      call.answer(window.__stream);
    });
    if (run >= 0) samples.push(sample);
    await alice.evaluate(() => window.__call.close());
    await bob.evaluate(() => {
      window.__incoming.close();
      window.__incoming = null;
      document.querySelectorAll('video').forEach((v) => v.remove());
    });
    await alice.evaluate(() => document.querySelectorAll('video').forEach((v) => v.remove()));
    await sleep(200);
  }
  await alice.context().close();
  await bob.context().close();
  return samples;
}

/** Runs `accept` in the callee page now; resolves once both pages showed a remote frame. */
async function measurePair(caller, callee, accept) {
  await caller.evaluate(() => {
    window.__frame = null;
  });
  const acceptAt = await callee.evaluate((source) => {
    window.__frame = null;
    const at = window.__now();
    new Function(`(${source})()`)();
    return at;
  }, accept.toString());
  const frameAt = (page) =>
    page
      .waitForFunction(() => window.__frame, null, { timeout: 20_000 })
      .then(() => page.evaluate(() => window.__frame));
  const [a, b] = await Promise.all([frameAt(caller), frameAt(callee)]);
  return Math.max(a, b) - acceptAt;
}

// ---- naive: raw RTCPeerConnection over Parley's signaling relay; callee's camera opens on accept ----

/** In page: a minimal client of Parley's wire protocol (hello, join, signal). */
function installNaiveSignaling({ wsUrl, name, room }) {
  return new Promise((joined) => {
    const ws = new WebSocket(wsUrl);
    const send = (message) => ws.send(JSON.stringify({ v: 1, ...message }));
    window.__signalHandlers = [];
    ws.onopen = () => send({ type: 'hello', name });
    ws.onmessage = ({ data }) => {
      const message = JSON.parse(data);
      if (message.type === 'welcome') {
        window.__selfId = message.peerId;
        send({ type: 'join', room });
      } else if (message.type === 'joined') {
        joined(message.members.map((m) => m.peerId));
      } else if (message.type === 'signal') {
        for (const handler of window.__signalHandlers) handler(message.from, message.payload);
      }
    };
    window.__signal = (to, payload) => send({ type: 'signal', room, to, payload });
  });
}

async function naiveRuns(browser, site, server) {
  const room = `naive-${Date.now()}`;
  const open = async (name) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.evaluate(installFrameClock);
    await page.evaluate(installNaiveSignaling, { wsUrl: server.wsUrl, name, room });
    return page;
  };
  const alice = await open('Alice');
  const bob = await open('Bob');
  const bobId = await bob.evaluate(() => window.__selfId);
  await bob.evaluate(() => {
    window.__signalHandlers.push((from, payload) => {
      if (payload.kind === 'description' && payload.description.type === 'offer') {
        window.__offer = { from, description: payload.description };
        window.__candidates = [];
      } else if (payload.kind === 'candidate' && payload.candidate) {
        if (window.__pc?.remoteDescription) void window.__pc.addIceCandidate(payload.candidate);
        else window.__candidates?.push(payload.candidate);
      } else if (payload.kind === 'description' && payload.description.type === 'answer') {
        void window.__pc.setRemoteDescription(payload.description);
      }
    });
  });
  await alice.evaluate(() => {
    window.__signalHandlers.push((from, payload) => {
      if (payload.kind === 'description') void window.__pc.setRemoteDescription(payload.description);
      else if (payload.candidate) void window.__pc.addIceCandidate(payload.candidate);
    });
  });
  const samples = [];
  for (let run = -WARMUP_RUNS; run < RUNS; run += 1) {
    await alice.evaluate(async (to) => {
      window.__stream ??= await window.__openCamera();
      const pc = new RTCPeerConnection({ iceServers: [] });
      window.__pc = pc;
      pc.onicecandidate = ({ candidate }) =>
        window.__signal(to, { kind: 'candidate', candidate: candidate?.toJSON() ?? null });
      pc.ontrack = ({ streams }) => window.__show(streams[0]);
      for (const track of window.__stream.getTracks()) pc.addTrack(track, window.__stream);
      await pc.setLocalDescription();
      window.__signal(to, { kind: 'description', description: pc.localDescription.toJSON() });
    }, bobId);
    await bob.waitForFunction(() => window.__offer);
    await sleep(RING_MS);
    const sample = await measurePair(alice, bob, async () => {
      const { from, description } = window.__offer;
      const stream = await window.__openCamera();
      window.__calleeStream = stream;
      const pc = new RTCPeerConnection({ iceServers: [] });
      window.__pc = pc;
      pc.onicecandidate = ({ candidate }) =>
        window.__signal(from, { kind: 'candidate', candidate: candidate?.toJSON() ?? null });
      pc.ontrack = ({ streams }) => window.__show(streams[0]);
      await pc.setRemoteDescription(description);
      for (const candidate of window.__candidates) await pc.addIceCandidate(candidate);
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      await pc.setLocalDescription();
      window.__signal(from, { kind: 'description', description: pc.localDescription.toJSON() });
    });
    if (run >= 0) samples.push(sample);
    for (const page of [alice, bob]) {
      await page.evaluate(() => {
        window.__pc.close();
        window.__pc = null;
        window.__offer = null;
        window.__calleeStream?.getTracks().forEach((t) => t.stop());
        document.querySelectorAll('video').forEach((v) => v.remove());
      });
    }
    await sleep(200);
  }
  await alice.context().close();
  await bob.context().close();
  return samples;
}

const ratio = (a, b) => Math.round((100 * a.p50_ms) / b.p50_ms) / 100;

/**
 * Parley, the floor and (with PARLEY_BASELINE_WEB_ROOT) the older web client take turns call by
 * call, so a noisy moment on this shared machine hits each of them alike. Then the watched calls.
 */
async function interleavedRuns(browser, parleyServer, site) {
  const baselineServer = process.env.PARLEY_BASELINE_WEB_ROOT
    ? await startServerProcess([
        ...['--rings-per-minute', '1000'],
        ...['--web-root', process.env.PARLEY_BASELINE_WEB_ROOT],
      ])
    : null;
  const flows = {
    parley: await parleyPair(browser, parleyServer),
    floor: await floorPage(browser, site),
    ...(baselineServer && { baseline: await parleyPair(browser, baselineServer) }),
  };
  const samples = Object.fromEntries(Object.keys(flows).map((name) => [name, []]));
  for (let run = -WARMUP_RUNS; run < RUNS; run += 1) {
    for (const [name, flow] of Object.entries(flows)) {
      const result = await flow.call(false);
      const sample = typeof result === 'number' ? result : result.sample;
      if (run >= 0) samples[name].push(sample);
    }
  }
  const withBreakdown = async (flow, name) => {
    const timelines = [];
    for (let run = 0; run < BREAKDOWN_RUNS; run += 1) timelines.push((await flow.call(true)).timeline);
    return { summary: summarize(samples[name]), breakdown: medianTimeline(timelines) };
  };
  const result = {
    parley: await withBreakdown(flows.parley, 'parley'),
    floor: summarize(samples.floor),
    baseline: flows.baseline ? await withBreakdown(flows.baseline, 'baseline') : undefined,
  };
  for (const flow of Object.values(flows)) await flow.close();
  await baselineServer?.stop();
  return result;
}

// The server child is killed on any exit (support/exit-cleanup.mjs), even if a later start fails.
const site = await startBlankSite();
// Alice rings Bob once per call: lift the per-minute ring limit an honest caller never meets. The
// naive flow's pages come from the blank site, another origin the server must allow.
const parleyServer = await startServerProcess([
  ...['--rings-per-minute', '1000'],
  ...['--allowed-origin', new URL(site.url).origin],
]);
const peerServer = await startPeerServer();
const browser = await launchChromium();
try {
  const web_client = { parley: await guestBytes(browser, parleyServer.httpUrl) };
  if (process.env.PARLEY_BASELINE_WEB_ROOT) {
    const baseline = await startServerProcess(['--web-root', process.env.PARLEY_BASELINE_WEB_ROOT]);
    web_client.baseline = await guestBytes(browser, baseline.httpUrl);
    await baseline.stop();
  }
  log('web client bytes', JSON.stringify(web_client));
  const { parley, floor, baseline } = await interleavedRuns(browser, parleyServer, site);
  log('parley', JSON.stringify(parley), 'floor', JSON.stringify(floor));
  const peerjs = summarize(await peerjsRuns(browser, site, peerServer));
  log('peerjs', JSON.stringify(peerjs));
  const naive = summarize(await naiveRuns(browser, site, parleyServer));
  console.log(
    JSON.stringify({
      parley: parley.summary,
      floor,
      parley_vs_floor: ratio(parley.summary, floor),
      ...(baseline && {
        parley_baseline: baseline.summary,
        parley_baseline_vs_floor: ratio(baseline.summary, floor),
        parley_baseline_breakdown: baseline.breakdown,
      }),
      peerjs,
      naive,
      parley_breakdown: parley.breakdown,
      web_client,
      setup: {
        metric: 'accept click → both sides presented a remote video frame',
        camera: 'fake 1280x720',
        ring_ms: RING_MS,
        warmup_runs_per_flow: WARMUP_RUNS,
        runs_per_flow: RUNS,
        breakdown_runs: BREAKDOWN_RUNS,
        // Steps read by polling getStats (first_encoded, first_decoded) land up to one getStats late.
        // callee_devices_open null: the callee's camera was already open when it accepted.
      },
    }),
  );
} catch (error) {
  console.error('[bench:call] failed:', error);
  process.exitCode = 1;
} finally {
  await browser.close();
  await parleyServer.stop();
  peerServer.stop();
  site.stop();
  // PeerJS's server keeps intervals and keep-alive sockets that would hold the process for minutes.
  process.exit();
}

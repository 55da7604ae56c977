// Mesh call quality at 2, 4 and 6 people, all in one Chromium on this machine (fake 1280x720
// camera, loopback, the real signaling server and web client). Every person joins one room; after
// SETTLE_MS (quality adaptation has a few stats rounds to act) the bench watches WINDOW_MS and
// reports, per call size:
//   fps / height — each received camera tile's decoded frame rate and frame height (min, median)
//   cpu_percent  — each person's renderer process CPU over the window (100 = one core)
//   limitations  — WebRTC's qualityLimitationReason of every outgoing camera stream at the end
//   sent         — the outgoing camera streams' frame height and encoded frame rate (min, median):
//                  a tile slower than its sender lost frames on the way or in the receiver
// With PARLEY_BASELINE_WEB_ROOT=<an older build's out/renderer>, that web client too, same run.
// Goal: every tile ≥ 15 fps at 4 people. Run with `npm run bench:mesh` (builds first).
import { launchChromium } from './support/chromium.mjs';
import { recordPeerConnections } from './support/peer-connections.mjs';
import { startServerProcess } from './support/server-process.mjs';
import { sleep } from './support/wait.mjs';

const SIZES = (process.env.SIZES ?? '2,4,6').split(',').map(Number);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 10_000);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 5_000);
const GOAL_FPS_AT_4 = 15;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values) => ({ min: Math.min(...values), median: median(values) });
const round = (value) => Math.round(value * 10) / 10;

/** This page's received camera streams and sent camera streams, from every live connection. */
async function videoStats() {
  const live = globalThis.benchConnections.filter((pc) => pc.connectionState === 'connected');
  const received = [];
  const sent = [];
  for (const pc of live) {
    (await pc.getStats()).forEach((stat) => {
      if (stat.kind !== 'video') return;
      if (stat.type === 'inbound-rtp') {
        received.push({
          id: stat.id + pc.remoteDescription.sdp.length,
          decoded: stat.framesDecoded ?? 0,
          height: stat.frameHeight ?? 0,
        });
      } else if (stat.type === 'outbound-rtp') {
        sent.push({
          id: stat.id + pc.localDescription.sdp.length,
          encoded: stat.framesEncoded ?? 0,
          height: stat.frameHeight ?? 0,
          limitation: stat.qualityLimitationReason,
        });
      }
    });
  }
  return { received, sent };
}

async function openPerson(browser, httpUrl, name, room) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(recordPeerConnections);
  await page.goto(`${httpUrl}/?test=1${room ? `&room=${room}` : ''}`);
  const field = page.getByLabel('Display name');
  await field.fill(name);
  await field.press('Enter');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

/** CPU seconds this page's renderer process has used. */
async function processTime({ cdp }) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ProcessTime').value;
}

async function measureCall(browser, httpUrl, size) {
  const host = await openPerson(browser, httpUrl, 'Person 1');
  await host.page.getByRole('button', { name: 'New room' }).click();
  const link = await host.page.getByRole('textbox', { name: 'Invite link', exact: true }).inputValue();
  const room = new URL(link).searchParams.get('room');
  const people = [host];
  for (let i = 2; i <= size; i++) {
    const person = await openPerson(browser, httpUrl, `Person ${i}`, room);
    await person.page.getByRole('button', { name: 'Join', exact: true }).click();
    people.push(person);
  }
  const everyoneDecoding = async () => {
    const stats = await Promise.all(people.map(({ page }) => page.evaluate(videoStats)));
    return stats.every(
      ({ received }) => received.length === size - 1 && received.every((r) => r.decoded > 0),
    );
  };
  for (let waited = 0; !(await everyoneDecoding()); waited += 250) {
    if (waited > 60_000) throw new Error(`${size} people: not everyone receives everyone within 60 s`);
    await sleep(250);
  }
  await sleep(SETTLE_MS);
  const read = () =>
    Promise.all(
      people.map(async (person) => ({
        cpu: await processTime(person),
        ...(await person.page.evaluate(videoStats)),
      })),
    );
  const startedAt = performance.now();
  const before = await read();
  await sleep(WINDOW_MS);
  const after = await read();
  const seconds = (performance.now() - startedAt) / 1000;
  const fps = [];
  const heights = [];
  after.forEach(({ received }, i) => {
    for (const tile of received) {
      const start = before[i].received.find((r) => r.id === tile.id);
      fps.push(round((tile.decoded - (start?.decoded ?? 0)) / seconds));
      heights.push(tile.height);
    }
  });
  const sentFps = after.flatMap(({ sent }, i) =>
    sent.map((stream) => {
      const start = before[i].sent.find((s) => s.id === stream.id);
      return round((stream.encoded - (start?.encoded ?? 0)) / seconds);
    }),
  );
  const sent = after.flatMap((p) => p.sent);
  const limitations = {};
  for (const { limitation } of sent) limitations[limitation] = (limitations[limitation] ?? 0) + 1;
  await Promise.all(people.map(({ page }) => page.context().close()));
  return {
    fps: spread(fps),
    height: spread(heights),
    sent_height: spread(sent.map((s) => s.height)),
    sent_fps: spread(sentFps),
    cpu_percent: after.map((p, i) => Math.round((100 * (p.cpu - before[i].cpu)) / seconds)),
    limitations,
    tiles: fps.length,
  };
}

async function measureBuild(browser, args) {
  const server = await startServerProcess(args);
  try {
    const result = {};
    for (const size of SIZES) {
      result[`${size}_people`] = await measureCall(browser, server.httpUrl, size);
      console.error(`[bench:mesh] ${size} people: ${JSON.stringify(result[`${size}_people`])}`);
    }
    return result;
  } finally {
    await server.stop();
  }
}

const browser = await launchChromium();
try {
  const result = { parley: await measureBuild(browser, []) };
  if (process.env.PARLEY_BASELINE_WEB_ROOT) {
    result.baseline = await measureBuild(browser, ['--web-root', process.env.PARLEY_BASELINE_WEB_ROOT]);
  }
  const four = result.parley['4_people'];
  result.goal_every_tile_15fps_at_4 = four ? four.fps.min >= GOAL_FPS_AT_4 : null;
  result.setup = { camera: 'fake 1280x720', settle_ms: SETTLE_MS, window_ms: WINDOW_MS, sizes: SIZES };
  console.log(JSON.stringify(result));
} catch (error) {
  console.error('[bench:mesh] failed:', error);
  process.exitCode = 1;
} finally {
  await browser.close();
  process.exit();
}

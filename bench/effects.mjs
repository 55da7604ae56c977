// What the media effects cost on this machine, off against on in the same run (the built web
// client, served by the built server, in Debian's Chromium with its fake 1280x720 camera):
//   noise_suppression — RNNoise's audio-thread time per second of audio (an offline render of
//     AUDIO_SECONDS of synthetic voiced sound over noise through the app's own worklet and wasm,
//     less the same render without it), and the latency it adds (the lag at which output and
//     input correlate best).
//   background_blur — at 640x360 (the default) and 1280x720 output: the preview's frame rate with
//     blur off and on, main-thread ms per frame drawing and per segmentation (the app's own
//     counters, read through the ?test=1 hook), and the renderer process's CPU ms per frame, off
//     and on.
// The machine is shared and noisy: compare numbers within one run only. `npm run bench:effects`.
/* global window, document, OfflineAudioContext, AudioWorkletNode -- used inside page.evaluate, in the page */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from './support/chromium.mjs';
import { startServerProcess } from './support/server-process.mjs';
import { sleep, within } from './support/wait.mjs';

const AUDIO_SECONDS = Number(process.env.AUDIO_SECONDS ?? 20);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 5_000);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 3_000);
const round = (value) => Math.round(value * 10) / 10;

/** The built asset whose name starts with `prefix` (Vite adds a content hash). */
function asset(prefix) {
  const name = readdirSync(resolve('out/renderer/assets')).find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no ${prefix}* in out/renderer/assets: build first`);
  return `/assets/${name}`;
}

/** Renders the test sound offline with and without RNNoise; runs in the page. */
async function renderAudio({ seconds, workletUrl, wasmUrl }) {
  const rate = 48_000;
  const length = seconds * rate;
  const input = new Float32Array(length);
  // Voiced sound (harmonics of 150 Hz, 4 syllables a second) over white noise.
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    const envelope = Math.max(0, Math.sin(2 * Math.PI * 2 * t)) ** 2;
    let voiced = 0;
    for (let h = 1; h <= 10; h++) voiced += Math.sin(2 * Math.PI * 150 * h * t) / h;
    input[i] = 0.15 * envelope * voiced + 0.02 * (Math.random() * 2 - 1);
  }
  const wasmBinary = await (await fetch(wasmUrl)).arrayBuffer();
  const render = async (withDenoiser) => {
    const context = new OfflineAudioContext(1, length, rate);
    const buffer = context.createBuffer(1, length, rate);
    buffer.copyToChannel(input, 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    let last = source;
    if (withDenoiser) {
      await context.audioWorklet.addModule(workletUrl);
      last = new AudioWorkletNode(context, '@sapphi-red/web-noise-suppressor/rnnoise', {
        processorOptions: { maxChannels: 1, wasmBinary },
      });
      source.connect(last);
    }
    last.connect(context.destination);
    source.start();
    // The processor compiles its wasm asynchronously: let it, then time the rendering alone.
    const ready = context.suspend(128 / rate).then(() => new Promise((done) => setTimeout(done, 1_000)));
    let started = 0;
    const rendered = context.startRendering();
    await ready;
    started = performance.now();
    await context.resume();
    const output = (await rendered).getChannelData(0);
    return { ms: performance.now() - started, output };
  };
  const plain = await render(false);
  const denoised = await render(true);
  // Latency: the lag (up to 4096 samples) at which the denoised output best matches the input.
  let best = { lag: 0, score: -Infinity };
  const from = rate; // past the first second
  const span = 5 * rate;
  for (let lag = 0; lag <= 4096; lag += 8) {
    let score = 0;
    for (let i = from; i < from + span; i += 4) score += input[i] * denoised.output[i + lag];
    if (score > best.score) best = { lag, score };
  }
  return { plainMs: plain.ms, denoisedMs: denoised.ms, lagSamples: best.lag, rate };
}

async function measureNoiseSuppression(browser, httpUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${httpUrl}/?test=1`);
  const result = await within(
    120_000,
    'offline render',
    page.evaluate(renderAudio, {
      seconds: AUDIO_SECONDS,
      workletUrl: asset('workletProcessor-'),
      wasmUrl: asset('rnnoise_simd-'),
    }),
  );
  await context.close();
  return {
    audio_seconds: AUDIO_SECONDS,
    render_ms_per_audio_second: {
      off: round(result.plainMs / AUDIO_SECONDS),
      on: round(result.denoisedMs / AUDIO_SECONDS),
    },
    rnnoise_cpu_ms_per_audio_second: round((result.denoisedMs - result.plainMs) / AUDIO_SECONDS),
    added_latency_ms: round((1000 * result.lagSamples) / result.rate),
  };
}

/** Frames the preview presents, and the renderer's CPU seconds, over WINDOW_MS. */
async function watchPreview(page, cdp) {
  const cpu = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ProcessTime').value;
  const cpuBefore = await cpu();
  const frames = await page.evaluate(async (ms) => {
    const video = document.querySelector('.preview video');
    let count = 0;
    const onFrame = () => {
      count++;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    await new Promise((done) => setTimeout(done, ms));
    return count;
  }, WINDOW_MS);
  const cpuMs = 1000 * ((await cpu()) - cpuBefore);
  return { fps: (1000 * frames) / WINDOW_MS, cpuMsPerFrame: cpuMs / Math.max(frames, 1) };
}

async function measureBlur(browser, httpUrl, outputHeight) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${httpUrl}/?test=1`);
  await page.waitForFunction(() => window.__parleyTest);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate((lines) => window.__parleyTest.setBlurOutputHeight(lines), outputHeight);
  const label = () => page.evaluate(() => window.__parleyTest.localTrackLabels().video);
  await within(
    20_000,
    'camera',
    waitFor(async () => (await label()) === 'fake_device_0'),
  );
  await sleep(SETTLE_MS);
  const off = await watchPreview(page, cdp);

  await page.getByRole('checkbox', { name: 'Blur my background' }).click();
  await within(
    60_000,
    'blur to start',
    waitFor(async () => (await label()) !== 'fake_device_0'),
  );
  await sleep(SETTLE_MS);
  const statsBefore = await page.evaluate(() => window.__parleyTest.blurStats());
  const on = await watchPreview(page, cdp);
  const stats = await page.evaluate(() => window.__parleyTest.blurStats());
  const frames = stats.frames - statsBefore.frames;
  const segmentations = stats.segmentations - statsBefore.segmentations;
  await context.close();
  return {
    fps: { off: round(off.fps), on: round(on.fps) },
    renderer_cpu_ms_per_frame: { off: round(off.cpuMsPerFrame), on: round(on.cpuMsPerFrame) },
    draw_ms_per_frame: round((stats.drawMs - statsBefore.drawMs) / Math.max(frames, 1)),
    segment_ms_each: round((stats.segmentMs - statsBefore.segmentMs) / Math.max(segmentations, 1)),
    segmentations_per_second: round((1000 * segmentations) / WINDOW_MS),
  };
}

async function waitFor(check) {
  while (!(await check())) await sleep(200);
}

const server = await startServerProcess();
const browser = await launchChromium();
try {
  const result = {
    noise_suppression: await measureNoiseSuppression(browser, server.httpUrl),
    background_blur: {
      '640x360': await measureBlur(browser, server.httpUrl, 360),
      '1280x720': await measureBlur(browser, server.httpUrl, 720),
    },
  };
  result.setup = { camera: 'fake 1280x720 30 fps', window_ms: WINDOW_MS, settle_ms: SETTLE_MS };
  console.log(JSON.stringify(result));
} catch (error) {
  console.error('[bench:effects] failed:', error);
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
  process.exit();
}

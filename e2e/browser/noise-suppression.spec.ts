/**
 * Noise suppression with real audio: Alice's fake microphone plays speech
 * over steady noise in a loop of known segments (made here with espeak-ng and
 * sox). Bob measures what arrives (an AnalyserNode on Alice's remote track)
 * with RNNoise off, then on, switched mid-call: the noise-only segments must
 * drop by at least 15 dB while the speech keeps within 3 dB, and the track is
 * swapped without renegotiation. If RNNoise cannot load, the call goes on
 * with the plain microphone and Alice is told.
 */
import type { Locator, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../support/parley';
import { expectReceiving, meetInRoom, peerIdOf, received } from '../support/parley';
import { test, expect } from '../support/fixtures';
import {
  LOOP_SECONDS,
  NOISE_ONLY,
  SPEECH,
  makeSpeechOverNoise,
  testAudioUnavailable,
} from '../support/test-audio';

const unavailable = testAudioUnavailable();
if (unavailable) console.log(`Noise-suppression e2e skipped: ${unavailable}`);

// A browser of its own: the fake microphone plays the file for every page it opens.
test.use({
  chromiumArgs: unavailable
    ? CHROMIUM_ARGS
    : [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${makeSpeechOverNoise()}`],
});

/** Loops of the file measured per state: more loops, less of the machine's noise in the numbers. */
const LOOPS = 3;

/** Levels are compared over whole segments, leaving out this much at each edge (jitter, codec delay). */
const EDGE_SECONDS = 0.35;

interface Level {
  /** Seconds on the measuring AudioContext's clock. */
  t: number;
  /** Mean square of the last 1024 samples. */
  power: number;
}

/** Samples the level of the audio `video` plays, every 20 ms for `seconds`. */
function recordLevels(video: Locator, seconds: number): Promise<Level[]> {
  return video.evaluate(async (element, seconds) => {
    const stream = (element as HTMLVideoElement).srcObject as MediaStream;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(new MediaStream(stream.getAudioTracks())).connect(analyser);
    const block = new Float32Array(analyser.fftSize);
    const levels: { t: number; power: number }[] = [];
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(block);
        levels.push({
          t: context.currentTime,
          power: block.reduce((sum, x) => sum + x * x, 0) / block.length,
        });
        if (context.currentTime >= seconds) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    await context.close();
    return levels;
  }, seconds);
}

const toDb = (power: number) => 10 * Math.log10(power + 1e-12);

/** The level of speech: its mean power. */
const meanDb = (levels: Level[]) => toDb(levels.reduce((sum, level) => sum + level.power, 0) / levels.length);

/** The level of steady noise: the median block, which a click or a dropout does not move. */
const medianDb = (levels: Level[]) => {
  const powers = levels.map((level) => level.power).sort((a, b) => a - b);
  return toDb(powers[Math.floor(powers.length / 2)] ?? 0);
};

/**
 * The mean level of the noise-only and the speech segments. Where the loop
 * starts on the receiver's clock is unknown: take the phase at which the
 * segments differ most (the speech is the louder part both with and without
 * the denoiser).
 */
function segmentLevels(levels: Level[]): { noiseDb: number; speechDb: number } {
  const inside = (phase: number, segment: { from: number; to: number }) =>
    phase >= segment.from + EDGE_SECONDS && phase <= segment.to - EDGE_SECONDS;
  let best = { contrast: -Infinity, noiseDb: 0, speechDb: 0 };
  for (let offset = 0; offset < LOOP_SECONDS; offset += 0.02) {
    const phase = (level: Level) => (level.t + offset) % LOOP_SECONDS;
    const noiseDb = medianDb(levels.filter((level) => inside(phase(level), NOISE_ONLY)));
    const speechDb = meanDb(levels.filter((level) => inside(phase(level), SPEECH)));
    if (speechDb - noiseDb > best.contrast) best = { contrast: speechDb - noiseDb, noiseDb, speechDb };
  }
  return { noiseDb: best.noiseDb, speechDb: best.speechDb };
}

const aliceTileVideo = (bob: Page) => bob.getByRole('group', { name: 'Alice', exact: true }).locator('video');

const remoteAudioTrackId = (bob: Page) =>
  aliceTileVideo(bob).evaluate(
    (element) => ((element as HTMLVideoElement).srcObject as MediaStream).getAudioTracks()[0]?.id ?? null,
  );

const localAudioLabel = (page: Page) => page.evaluate(() => window.__parleyTest!.localTrackLabels().audio);

test.describe('noise suppression', () => {
  test.skip(unavailable !== null, unavailable ?? '');

  test('RNNoise on drops the noise ≥ 15 dB at the receiver and keeps the speech within 3 dB', async ({
    person,
  }) => {
    test.setTimeout(180_000);
    const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
    await meetInRoom(alice, [bob]);
    await expectReceiving(bob, 'Alice');

    // The browser's own processing off, so what is measured is RNNoise alone (AGC would also move the levels).
    await alice.getByRole('button', { name: 'Devices' }).click();
    const panel = alice.getByRole('dialog', { name: 'Devices' });
    for (const name of ['Echo cancellation', 'Noise suppression', 'Automatic gain']) {
      // The switch shows the new state once the microphone has reopened with it.
      const box = panel.getByRole('checkbox', { name, exact: true });
      await box.click();
      await expect(box).not.toBeChecked();
    }
    const plainLabel = await localAudioLabel(alice);
    const trackAtBob = await remoteAudioTrackId(bob);

    const off = segmentLevels(await recordLevels(aliceTileVideo(bob), LOOPS * LOOP_SECONDS + 1));

    await panel.getByRole('checkbox', { name: 'Remove background noise' }).click();
    await expect.poll(() => localAudioLabel(alice)).not.toBe(plainLabel);
    const on = segmentLevels(await recordLevels(aliceTileVideo(bob), LOOPS * LOOP_SECONDS + 1));

    console.log(
      `[noise-suppression] noise-only ${off.noiseDb.toFixed(1)} → ${on.noiseDb.toFixed(1)} dBFS, ` +
        `speech ${off.speechDb.toFixed(1)} → ${on.speechDb.toFixed(1)} dBFS`,
    );
    expect(off.noiseDb - on.noiseDb).toBeGreaterThanOrEqual(15);
    expect(Math.abs(off.speechDb - on.speechDb)).toBeLessThanOrEqual(3);
    // replaceTrack: Bob's receiver keeps its track (a renegotiated sender would bring a new one).
    expect(await remoteAudioTrackId(bob)).toBe(trackAtBob);
    await expect(alice.getByRole('alert')).toHaveCount(0);

    // Off again mid-call: the plain microphone goes back on the same sender.
    await panel.getByRole('checkbox', { name: 'Remove background noise' }).click();
    await expect.poll(() => localAudioLabel(alice)).toBe(plainLabel);
    expect(await remoteAudioTrackId(bob)).toBe(trackAtBob);
  });

  test('RNNoise that cannot load leaves the plain microphone on and says so', async ({ person }) => {
    const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
    await meetInRoom(alice, [bob]);
    await expectReceiving(bob, 'Alice');
    // The wasm, not the worklet: Playwright cannot intercept a worklet's own request.
    await alice.route('**/assets/rnnoise*.wasm', (route) => route.fulfill({ status: 404 }));
    const plainLabel = await localAudioLabel(alice);

    await alice.getByRole('button', { name: 'Devices' }).click();
    const denoise = alice.getByRole('dialog', { name: 'Devices' }).getByRole('checkbox', {
      name: 'Remove background noise',
    });
    // A click, not check(): the switch is meant to spring back off.
    await denoise.click();
    await expect(alice.getByRole('alert')).toContainText('Background noise removal could not run');
    await expect(denoise).not.toBeChecked();
    expect(await localAudioLabel(alice)).toBe(plainLabel);

    const aliceId = await peerIdOf(bob, 'Alice');
    const before = await received(bob, aliceId);
    await expect
      .poll(async () => (await received(bob, aliceId)).audioBytes)
      .toBeGreaterThan(before.audioBytes);
  });
});

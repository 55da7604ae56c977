/**
 * The computer's sound shared with the screen, on Linux: a PulseAudio
 * server's speakers play a 440 Hz tone; Alice shares her screen with its
 * sound; Bob receives it as its own audio track, apart from Alice's voice,
 * with its own volume control, and its level shows the tone.
 *
 * What Chromium's own getDisplayMedia records as "system audio" on Linux
 * (with PulseaudioLoopbackForScreenShare) is the default sink's monitor. Its
 * picker cannot be driven here: --auto-select-desktop-capture-source accepts
 * a screen with the audio toggle at its default, off. So Alice's page takes
 * the screen from getDisplayMedia and the same monitor (exposed as a source
 * Chromium lists) with Parley's own screen-audio constraints: everything from
 * the speakers to Bob's ears is real, only Chromium's toggle is bypassed.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, meetInRoom, setName } from '../support/parley';
import { LOOPBACK_LABEL, PulseTone, pulseaudioUnavailable } from '../support/pulseaudio';
import { expect, test } from '../support/fixtures';

const TONE_HZ = 440;
const unavailable =
  pulseaudioUnavailable() ??
  (process.env.DISPLAY ? undefined : 'no X display to capture (run under xvfb-run)');
if (unavailable) console.log(`Screen sound e2e skipped: ${unavailable}`);

/** Alice's Chromium: real devices from the test's PulseAudio, the real screen picker auto-accepting the screen. */
function launchAlice(pulseServer: string): Promise<Browser> {
  const args = CHROMIUM_ARGS.filter(
    (flag) => flag !== '--use-fake-device-for-media-stream' && flag !== '--use-fake-ui-for-media-stream',
  );
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...args, '--enable-features=PulseaudioLoopbackForScreenShare'],
    env: { ...process.env, PULSE_SERVER: pulseServer },
  });
}

/** getDisplayMedia's screen, with the speakers' loopback as its sound (see the header for why). */
function shareSpeakersWithScreen(label: string): void {
  const devices = navigator.mediaDevices;
  const screenOnly = devices.getDisplayMedia.bind(devices);
  devices.getDisplayMedia = async (options) => {
    const screen = await screenOnly({ video: options?.video ?? true });
    const loopback = (await devices.enumerateDevices()).find(
      (device) => device.kind === 'audioinput' && device.label === label,
    );
    if (!loopback || typeof options?.audio !== 'object') return screen;
    const sound = await devices.getUserMedia({
      audio: { ...options.audio, deviceId: { exact: loopback.deviceId } },
    });
    return new MediaStream([...screen.getVideoTracks(), ...sound.getAudioTracks()]);
  };
}

/**
 * Bob's ear on the screen's sound: how far the tone stands above the rest of
 * the spectrum, in dB; -Infinity unless the tone itself is loud (above -50 dBFS).
 */
function toneProminence(page: Page, hz: number): Promise<number> {
  return page.evaluate(async (hz) => {
    const audio = document.querySelector<HTMLAudioElement>('.screen-sound audio');
    const stream = audio?.srcObject;
    if (!(stream instanceof MediaStream)) return -Infinity;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 4096;
    context.createMediaStreamSource(stream).connect(analyser);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const spectrum = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(spectrum);
    await context.close();
    const toneBin = Math.round((hz * analyser.fftSize) / context.sampleRate);
    const tone = Math.max(...spectrum.slice(toneBin - 2, toneBin + 3));
    const rest = [...spectrum].filter((_, bin) => Math.abs(bin - toneBin) > 10 && bin > 5);
    const median = rest.sort((a, b) => a - b)[Math.floor(rest.length / 2)]!;
    return tone > -50 ? tone - median : -Infinity;
  }, hz);
}

test.describe('screen sound', () => {
  test.skip(unavailable !== undefined, unavailable);

  test('Bob hears the screen’s sound as its own track, with its own volume', async ({ person, server }) => {
    const pulse = await PulseTone.start(TONE_HZ);
    const browser = await launchAlice(pulse.server);
    try {
      const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
      await context.addInitScript(shareSpeakersWithScreen, LOOPBACK_LABEL);
      const alice = await context.newPage();
      await alice.goto(`${server.httpUrl}/?test=1`);
      await setName(alice, 'Alice');
      const bob = await person('Bob');
      await meetInRoom(alice, [bob]);

      await alice.getByRole('button', { name: 'Share screen' }).click();
      await expect(bob.getByRole('group', { name: "Alice's screen" })).toBeVisible();
      const volume = bob.getByRole('slider', { name: "Volume of Alice's screen sound" });
      await expect(volume).toBeVisible();

      // Its own track: not the audio of Alice's camera stream (her silent microphone).
      const audioTrackId = (element: HTMLMediaElement) =>
        element.srcObject instanceof MediaStream ? (element.srcObject.getAudioTracks()[0]?.id ?? null) : null;
      const trackIds = {
        screen: await bob.locator('.screen-sound audio').evaluate(audioTrackId),
        microphone: await bob
          .getByRole('group', { name: 'Alice', exact: true })
          .locator('video')
          .evaluate(audioTrackId),
      };
      expect(trackIds.screen).not.toBeNull();
      expect(trackIds.microphone).not.toBeNull();
      expect(trackIds.screen).not.toBe(trackIds.microphone);
      await expect.poll(() => toneProminence(bob, TONE_HZ), { timeout: 20_000 }).toBeGreaterThan(20);

      // Turning it down is Bob's alone, and it does not touch Alice's voice.
      await volume.fill('0');
      expect(
        await bob.locator('.screen-sound audio').evaluate((audio: HTMLAudioElement) => audio.volume),
      ).toBe(0);
    } finally {
      await browser.close();
      pulse.stop();
    }
  });
});

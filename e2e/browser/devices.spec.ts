/**
 * Device switching mid-call with three fake devices of each kind: the other
 * side keeps decoding while the sender's track changes (replaceTrack, no
 * renegotiation); a speaker pick applies setSinkId to remote media.
 */
import type { Page } from 'playwright-core';
import { expectReceiving, meetInRoom, peerIdOf, received } from '../support/parley';
import { test, expect, withFakeDevices } from '../support/fixtures';

test.use({ chromiumArgs: withFakeDevices(3) });

const labels = (page: Page) => page.evaluate(() => window.__parleyTest!.localTrackLabels());

// One call for both steps, as a person would: a device switch, then a speaker pick.
test('devices mid-call', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);
  await expectReceiving(bob, 'Alice');

  await test.step('switching camera and microphone mid-call: the other side keeps decoding', async () => {
    expect(await labels(alice)).toEqual({ audio: 'Fake Default Audio Input', video: 'fake_device_0' });
    await alice.getByRole('button', { name: 'Devices' }).click();
    const panel = alice.getByRole('dialog', { name: 'Devices' });

    // Chromium's fake_device_1 delivers Y16 (depth) frames, which no encoder takes; fake_device_2 is MJPEG.
    await panel.getByRole('combobox', { name: 'Camera' }).selectOption({ label: 'fake_device_2' });
    await expect.poll(async () => (await labels(alice)).video).toBe('fake_device_2');
    await panel.getByRole('combobox', { name: 'Microphone' }).selectOption({ label: 'Fake Audio Input 1' });
    await expect.poll(async () => (await labels(alice)).audio).toBe('Fake Audio Input 1');

    const aliceId = await peerIdOf(bob, 'Alice');
    const before = await received(bob, aliceId);
    await expect
      .poll(async () => (await received(bob, aliceId)).cameraFrames)
      .toBeGreaterThan(before.cameraFrames + 30);
    await expect
      .poll(async () => (await received(bob, aliceId)).audioBytes)
      .toBeGreaterThan(before.audioBytes);
    // Only the old tracks were stopped: camera + mic, nothing else left open.
    expect(await alice.evaluate(() => window.__parleyTest!.liveTrackCount())).toBe(2);
  });

  await test.step('picking a speaker applies setSinkId to the remote media', async () => {
    await bob.getByRole('button', { name: 'Devices' }).click();
    const speaker = bob.getByRole('dialog', { name: 'Devices' }).getByRole('combobox', { name: 'Speaker' });
    await speaker.selectOption({ label: 'Fake Audio Output 1' });
    const sinkId = await speaker.inputValue();
    expect(sinkId).not.toBe('');
    await expect.poll(() => bob.evaluate(() => window.__parleyTest!.sinkIds())).toEqual([sinkId]);
    // The way back to the default speaker stays offered.
    await speaker.selectOption({ label: 'Default' });
    await expect.poll(() => bob.evaluate(() => window.__parleyTest!.sinkIds())).toEqual(['']);
  });
});

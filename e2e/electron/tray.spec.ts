/**
 * The tray's device menus list the fake devices the page enumerated, and a
 * pick in the tray switches the live track in the call and is remembered.
 */
import { expect, test } from '@playwright/test';
import { setName } from '../support/parley';
import {
  clickTrayItem,
  ELECTRON_ARGS,
  savedSettings,
  trayDevices,
  trayMenu,
  useParleyDesktop,
} from './support';

const desktop = useParleyDesktop({
  args: [
    ...ELECTRON_ARGS.filter((flag) => flag !== '--use-fake-device-for-media-stream'),
    '--use-fake-device-for-media-stream=device-count=3',
  ],
});
test.beforeAll(async () => {
  await setName(desktop.window, 'Ada');
  await desktop.window.getByRole('button', { name: 'New room' }).click();
  await expect(desktop.window.getByRole('button', { name: 'Leave call' })).toBeVisible();
});

const labels = () => desktop.window.evaluate(() => window.__parleyTest!.localTrackLabels());

test('the tray lists the fake devices, the ones in use checked', async () => {
  await expect
    .poll(async () => (await trayDevices(desktop, 'videoinput')).map((d) => d.label))
    .toEqual(['fake_device_0', 'fake_device_1', 'fake_device_2']);
  const microphones = await trayDevices(desktop, 'audioinput');
  expect(microphones.map((d) => d.label)).toContain('Fake Audio Input 1');
  expect((await trayDevices(desktop, 'videoinput')).find((d) => d.checked)?.label).toBe('fake_device_0');
});

test('a camera picked in the tray switches the call’s track and is remembered', async () => {
  // fake_device_1 delivers depth frames no encoder takes; fake_device_2 is a normal camera.
  const camera = (await trayDevices(desktop, 'videoinput')).find((d) => d.label === 'fake_device_2')!;
  await clickTrayItem(desktop, camera.id);
  await expect.poll(async () => (await labels()).video).toBe('fake_device_2');
  await expect
    .poll(async () => (await trayDevices(desktop, 'videoinput')).find((d) => d.checked)?.label)
    .toBe('fake_device_2');
  const deviceId = camera.id.slice('videoinput:'.length);
  await expect
    .poll(() => (savedSettings(desktop).devices as Record<string, string>).videoinput)
    .toBe(deviceId);
});

test('Remove background noise in the tray swaps the call’s microphone track and is remembered', async () => {
  const plain = (await labels()).audio;
  await clickTrayItem(desktop, 'effect:noiseSuppression');
  await expect.poll(async () => (await labels()).audio).toBe('MediaStreamAudioDestinationNode');
  await expect(
    desktop.window.getByRole('checkbox', { name: 'Remove background noise', includeHidden: true }),
  ).toBeChecked();
  await expect.poll(() => savedSettings(desktop).effects).toMatchObject({ noiseSuppression: true });
  await clickTrayItem(desktop, 'effect:noiseSuppression');
  await expect.poll(async () => (await labels()).audio).toBe(plain);
});

test('Mute microphone in the tray mutes the call, and the tray follows', async () => {
  await clickTrayItem(desktop, 'mute-mic');
  await expect(desktop.window.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
  await expect
    .poll(async () => (await trayMenu(desktop)).find((item) => item.id === 'mute-mic'))
    .toMatchObject({ checked: true });
});

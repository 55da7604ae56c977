/**
 * The small things a newcomer notices in a call: the presenter sees what
 * they share and is told so; the invite's "Copied" goes back; the page has a
 * favicon; the volume reads as a percentage; your own microphone has a meter;
 * a camera that sends no frames gets a placeholder, not a black tile.
 */
import { inviteLinkOf, meetInRoom, setName } from '../support/parley';
import { test, expect } from '../support/fixtures';

test('presenting shows your screen and says so; the invite copy confirms, then offers again', async ({
  person,
}) => {
  const context = { permissions: ['clipboard-read', 'clipboard-write'] };
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name, { context })));
  await meetInRoom(alice, [bob]);

  await alice.getByRole('button', { name: 'Share screen' }).click();
  await expect(alice.getByRole('status').filter({ hasText: 'You are presenting your screen' })).toBeVisible();
  await expect(alice.getByRole('group', { name: 'Your screen' })).toContainText('Your screen');
  await expect(alice.getByRole('group', { name: 'Your screen' }).locator('video')).toHaveAttribute(
    'data-first-frame',
    /\d+/,
  );
  await alice.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(alice.getByRole('group', { name: 'Your screen' })).toHaveCount(0);
  await expect(alice.getByText('You are presenting your screen')).toHaveCount(0);

  await alice.getByRole('button', { name: 'Copy invite link' }).click();
  await expect(alice.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(alice.getByRole('button', { name: 'Copy invite link' })).toBeVisible();
});

test('favicon, volume in percent, and a meter for your own microphone in the call', async ({
  person,
  server,
}) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);

  const icon = await alice.locator('link[rel="icon"]').getAttribute('href');
  const response = await alice.request.get(new URL(icon!, server.httpUrl).href);
  expect(response.status()).toBe(200);

  await expect(alice.getByRole('slider', { name: 'Volume of Bob' })).toHaveAttribute(
    'aria-valuetext',
    '100 %',
  );
  const meter = alice.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
});

test('a camera that sends no frames shows a placeholder, not a black tile', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await alice.getByRole('button', { name: 'New room' }).click();
  // Bob opens the invite, and his camera dies before he joins (as a broken driver would): the
  // track is there, no frame ever comes.
  await bob.goto(`${await inviteLinkOf(alice)}&test=1`);
  await setName(bob, 'Bob');
  await expect(bob.locator('video[aria-label="Camera preview"]')).toHaveAttribute('data-first-frame', /\d+/);
  await bob.evaluate(() => {
    const preview = document.querySelector<HTMLVideoElement>('video[aria-label="Camera preview"]');
    (preview?.srcObject as MediaStream | null)?.getVideoTracks()[0]?.stop();
  });
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  const tile = alice.getByRole('group', { name: 'Bob', exact: true });
  await expect(tile.getByRole('img', { name: 'Camera off' })).toHaveCount(0);
  await expect(tile.locator('.avatar')).toHaveText('B');
  // A camera that does send shows its picture, uncovered.
  await expect(bob.getByRole('group', { name: 'Alice', exact: true }).locator('.avatar')).toHaveCount(0);
});

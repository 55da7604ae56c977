/**
 * The call window in the web client: Document Picture-in-Picture, which
 * Debian's Chromium has (headless too). Sharing the screen opens it with the
 * speaker's video and the call buttons, which act on the call; hanging up
 * there ends the call and closes it.
 */
import { meetInRoom } from '../support/parley';
import { expect, test } from '../support/fixtures';

test('sharing opens the call window, whose buttons run the call', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);
  expect(await alice.evaluate(() => 'documentPictureInPicture' in window)).toBe(true);

  const opened = alice.context().waitForEvent('page');
  await alice.getByRole('button', { name: 'Share screen' }).click();
  const mini = await opened;
  const call = mini.getByRole('main', { name: 'Call window' });
  await expect(call).toBeVisible();
  // The active speaker: Bob, the only other person, with his picture playing.
  await expect
    .poll(() => call.locator('video').evaluate((video: HTMLVideoElement) => video.readyState))
    .toBeGreaterThanOrEqual(2);

  await call.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(alice.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
  await expect(
    bob.getByRole('group', { name: 'Alice', exact: true }).getByRole('img', { name: 'Microphone muted' }),
  ).toBeVisible();

  await call.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(bob.getByRole('group', { name: "Alice's screen" })).toHaveCount(0);
  // No longer sharing, and Alice's page has focus: the window closes by itself.
  await expect.poll(() => mini.isClosed()).toBe(true);
});

test('hanging up in the call window ends the call and closes it', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);
  const opened = alice.context().waitForEvent('page');
  await alice.getByRole('button', { name: 'Share screen' }).click();
  const mini = await opened;
  await mini.getByRole('button', { name: 'Leave call' }).click();
  await expect(alice.getByRole('button', { name: 'Leave call' })).toHaveCount(0);
  await expect.poll(() => mini.isClosed()).toBe(true);
});

/**
 * When camera and microphone access is blocked (Chromium answering every
 * prompt "block"), the UI says why and what to do, and the person can still
 * join to listen and watch.
 */
import { CHROMIUM_ARGS, expectReceiving, meetInRoom } from '../support/parley';
import { test, expect } from '../support/fixtures';

test.use({
  chromiumArgs: [
    ...CHROMIUM_ARGS.filter((flag) => flag !== '--use-fake-ui-for-media-stream'),
    '--deny-permission-prompts',
  ],
});

test('permission denied: the reason and the way out are shown; joining receives only', async ({ person }) => {
  const bob = await person('Bob', { context: { permissions: ['camera', 'microphone'] } });
  const alice = await person('Alice');

  const alert = alice.getByRole('alert').filter({ hasText: 'Camera and microphone access was blocked' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('join anyway to listen and watch only');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toBeVisible();

  await meetInRoom(bob, [alice]);
  await expect(alice.getByText('You are in listen-and-watch-only mode.')).toBeVisible();
  await expectReceiving(alice, 'Bob');
  const aliceTile = bob.getByRole('group', { name: 'Alice', exact: true });
  await expect(aliceTile.getByRole('img', { name: 'Microphone muted' })).toBeVisible();
  await expect(aliceTile.getByRole('img', { name: 'Camera off' })).toBeVisible();
});

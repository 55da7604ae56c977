/** With no camera or microphone at all, the UI says so plainly, with what to do. */
import { CHROMIUM_ARGS } from '../support/parley';
import { test, expect } from '../support/fixtures';

test.use({ chromiumArgs: CHROMIUM_ARGS.filter((flag) => flag !== '--use-fake-device-for-media-stream') });

test('no camera or microphone: said plainly, with what to do', async ({ person }) => {
  const alice = await person('Alice');
  const alert = alice.getByRole('alert').filter({ hasText: 'No camera or microphone was found' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Plug one in and press Try again');
  // Disabled controls say why, not what they would do.
  await expect(alice.getByRole('button', { name: 'Microphone unavailable' })).toBeDisabled();
  await expect(alice.getByRole('button', { name: 'Camera unavailable' })).toBeDisabled();
});

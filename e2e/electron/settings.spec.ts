/**
 * The Settings dialog: opened from the tray's "Settings…" and the gear in the
 * top bar; a bad remote server address is refused in the dialog and never
 * saved; allowing people on the network restarts the embedded server and the
 * dialog shows its new invite address (or, on a machine without a network,
 * says so).
 */
import { networkInterfaces } from 'node:os';
import { expect, test } from '@playwright/test';
import { lanAddress } from '../../src/main/server-plan';
import { clickTrayItem, savedSettings, serverInfo, useParleyDesktop } from './support';

const desktop = useParleyDesktop();

const dialog = () => desktop.window.getByRole('dialog', { name: 'Settings' });

test('the gear opens Settings, Escape closes it and gives focus back', async () => {
  const gear = desktop.window.getByRole('button', { name: 'Settings' });
  await gear.click();
  await expect(dialog()).toBeVisible();
  await expect(dialog()).toHaveAttribute('aria-modal', 'true');
  await expect(dialog().getByRole('radio', { name: 'This computer runs the server' })).toBeFocused();
  await desktop.window.keyboard.press('Escape');
  await expect(dialog()).toHaveCount(0);
  await expect(gear).toBeFocused();
});

test('Settings… in the tray opens the dialog', async () => {
  await clickTrayItem(desktop, 'settings');
  await expect(dialog()).toBeVisible();
});

test('a remote server address that is not ws:// or wss:// is refused and not saved', async () => {
  await dialog().getByRole('radio', { name: 'Use another server' }).check();
  const address = dialog().getByLabel('Server address');
  await address.fill('parley.example.com');
  await dialog().getByRole('button', { name: 'Save' }).click();
  await expect(dialog().getByText('Enter a ws:// or wss:// address')).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog().getByRole('alert')).toHaveText('Fix the marked fields, then save again.');
  expect(savedSettings(desktop).server).toMatchObject({ mode: 'embedded' });
  expect(await serverInfo(desktop)).toMatchObject({ state: 'ready', mode: 'embedded' });
});

test('allowing people on the network restarts the server, and the dialog shows the new invite address', async () => {
  await dialog().getByRole('radio', { name: 'This computer runs the server' }).check();
  const invite = dialog().getByRole('status', { name: 'Invite address' });
  const before = await serverInfo(desktop);
  if (before.state !== 'ready') throw new Error(`server not ready: ${before.message}`);
  await expect(invite).toHaveText(before.inviteOrigin);

  await dialog().getByRole('checkbox', { name: 'Allow people on my network' }).check();
  await dialog().getByRole('button', { name: 'Save' }).click();
  await expect(dialog().getByText('Saved.')).toBeVisible();
  expect(savedSettings(desktop).server).toMatchObject({ mode: 'embedded', allowLan: true });

  const lan = lanAddress(networkInterfaces());
  if (lan) {
    // Main restarts the server on the LAN address; the dialog follows.
    await expect.poll(async () => serverInfo(desktop)).toMatchObject({ state: 'ready', lan: true });
    const after = await serverInfo(desktop);
    if (after.state !== 'ready') throw new Error(`server not ready: ${after.message}`);
    expect(after.inviteOrigin).toContain(lan);
    await expect(invite).toHaveText(after.inviteOrigin);
    // Guests get https, with Parley's own certificate, whose fingerprint the host can read out.
    expect(after.inviteOrigin).toMatch(/^https:/);
    await expect(dialog().getByText(after.fingerprint!)).toBeVisible();
  } else {
    // No network on this machine: the server stays on loopback and the dialog says why.
    await expect(dialog().getByText('No network found')).toBeVisible();
    await expect(invite).toHaveText(before.inviteOrigin);
  }
});

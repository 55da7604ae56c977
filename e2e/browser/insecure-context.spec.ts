/**
 * An http invite on a network address is not a secure context: the browser
 * gives no camera or microphone API. The guest reads why, never a blank page.
 * Over https with the app's own certificate (LAN mode), the call page works.
 */
import { networkInterfaces } from 'node:os';
import { createSelfSignedCertificate } from '../../src/main/self-signed-certificate';
import { lanAddress } from '../../src/main/server-plan';
import { expect, test } from '../support/fixtures';

const lan = lanAddress(networkInterfaces());
if (!lan) console.log('Insecure-context e2e skipped: no network address besides loopback');
test.skip(!lan, 'no network address besides loopback');
test.use({ serverOptions: { host: lan ?? '127.0.0.1' } });

test('an http invite on a network address explains itself instead of a blank page', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${server.httpUrl}/?room=standup`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('This page cannot reach your camera or microphone');
    await expect(notice).toContainText('https');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the same address over https with the app’s certificate is a secure context: the app starts', async ({
  browser,
  startServer,
}) => {
  const server = await startServer({
    host: lan!,
    tls: createSelfSignedCertificate('Parley test', [lan!], 30),
  });
  // The guest accepted the browser's warning about a certificate it does not know.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/?room=standup`);
    expect(await page.evaluate(() => window.isSecureContext && !!navigator.mediaDevices)).toBe(true);
    await expect(page.getByRole('button', { name: 'New room' })).toBeVisible();
  } finally {
    await context.close();
  }
});

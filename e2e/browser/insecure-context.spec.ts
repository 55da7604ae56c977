/**
 * An http invite on a network address is not a secure context: the browser
 * gives no camera or microphone API. The guest reads why, never a blank page.
 */
import { networkInterfaces } from 'node:os';
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

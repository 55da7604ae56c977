/**
 * The lobby: a live camera preview and microphone level before any call,
 * and the whole UI in Simplified Chinese on request.
 */
import { test, expect } from '../support/fixtures';

test('the preview shows the camera and the meter follows the microphone', async ({ person }) => {
  const page = await person('Alice');
  await expect(page.locator('video[aria-label="Camera preview"]')).toHaveAttribute('data-first-frame', /\d+/);
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
});

test('switching the language to Simplified Chinese translates the UI', async ({ person }) => {
  const page = await person('Alice');
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
  await expect(page.getByRole('button', { name: '新建房间' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.getByRole('button', { name: 'New room' })).toBeVisible();
});

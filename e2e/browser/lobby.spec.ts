/**
 * The lobby: a live camera preview and microphone level before any call,
 * and the whole UI in Simplified Chinese on request.
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import { closeAll, launchChromium, openPerson, startServer } from '../support/parley';

let browser: Browser;
let server: SignalingServer;
let page: Page;

test.beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
  page = await openPerson(browser, server, 'Alice');
});

test.afterAll(async () => {
  await closeAll([page].filter(Boolean));
  await browser?.close();
  await server?.close();
});

test('the preview shows the camera and the meter follows the microphone', async () => {
  await expect(page.locator('video[aria-label="Camera preview"]')).toHaveAttribute('data-first-frame', /\d+/);
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
});

test('switching the language to Simplified Chinese translates the UI', async () => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
  await expect(page.getByRole('button', { name: '新建房间' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.getByRole('button', { name: 'New room' })).toBeVisible();
});

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

test('in Chinese: the chosen language survives a reload, and names, video labels and routes are Chinese', async ({
  browser,
  server,
  person,
}) => {
  // A first visit from a Chinese browser: the default name everyone sees is Chinese too.
  const context = await browser.newContext({ locale: 'zh-CN' });
  const alice = await context.newPage();
  await alice.goto(`${server.httpUrl}/?test=1`);
  await expect(alice.getByLabel('显示名称')).toHaveValue(/^访客 \d{4}$/);
  await alice.getByRole('button', { name: '新建房间' }).click();
  const link = await alice.getByRole('textbox', { name: '邀请链接', exact: true }).inputValue();

  const bob = await person('Bob');
  await bob.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
  await bob.reload();
  await expect(bob.getByRole('combobox', { name: '语言' })).toHaveValue('zh');
  await bob.goto(`${link}&test=1`);
  await bob.getByRole('button', { name: '加入', exact: true }).click();

  const bobTile = alice.getByRole('group', { name: 'Bob', exact: true });
  await expect(bobTile.getByLabel('Bob 的视频')).toBeVisible();
  await alice.getByRole('button', { name: '统计' }).click();
  await expect(alice.getByRole('table', { name: 'Bob' }).getByRole('row', { name: /路径/ })).toContainText(
    '直连（同一网络）',
  );
  await context.close();
});

test('a long name in "People online" is cut with an ellipsis, never the call button', async ({ person }) => {
  const longName = 'Maximiliana Wolkenstein-Hohenberg von der Schattenseite des Tals';
  const [alice] = await Promise.all([person('Alice'), person(longName)]);
  const call = alice.getByRole('button', { name: `Call ${longName}` });
  await expect(call).toBeVisible();
  const box = await call.boundingBox();
  expect(box!.width).toBeCloseTo(box!.height, 0);
  expect(box!.width).toBeGreaterThanOrEqual(36);
});

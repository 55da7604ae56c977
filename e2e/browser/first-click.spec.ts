/**
 * A newcomer types a name and clicks "New room" or "Join" at once, with an
 * ordinary 120 ms press, the name still uncommitted (the click's blur commits
 * it, which reconnects under the new name). Run on loopback and through a
 * proxy that delays every chunk by 160 ms each way, where a notice that moved
 * the buttons while the mouse was down lost the click every time. The page
 * has settled first (the server says "Connected"), as it has for someone who
 * read it before typing.
 */
import { LoopbackProxy } from '../support/proxy';
import { inviteLinkOf } from '../support/parley';
import { test, expect } from '../support/fixtures';
import type { Page } from 'playwright-core';

const PRESS_MS = 120;

const settled = (page: Page) => expect(page.getByText('Connected', { exact: true })).toBeVisible();

for (const delayMs of [0, 160]) {
  test.describe(`${delayMs} ms added each way`, () => {
    let proxy: LoopbackProxy;
    test.beforeEach(async ({ server }) => {
      proxy = await LoopbackProxy.start(server.port, { delayMs });
    });
    test.afterEach(() => proxy.close());

    test('typing a name, then clicking "New room" once, opens the room', async ({ person }) => {
      const page = await person('Someone', { origin: proxy.httpUrl });
      await settled(page);
      await page.getByLabel('Display name').fill('Alice');
      await page.getByRole('button', { name: 'New room' }).click({ delay: PRESS_MS });
      await expect(page.getByRole('button', { name: 'Leave call' })).toBeVisible();
      await expect(page.getByRole('group', { name: 'Alice', exact: false })).toBeVisible();
    });

    test('typing a name on an invite, then clicking "Join" once, joins the room', async ({ person }) => {
      const host = await person('Host');
      await host.getByRole('button', { name: 'New room' }).click();
      const room = new URL(await inviteLinkOf(host)).searchParams.get('room')!;
      const guest = await person('Someone', { origin: proxy.httpUrl, query: `room=${room}` });
      await settled(guest);
      await guest.getByLabel('Display name').fill('Bob');
      await guest.getByRole('button', { name: 'Join', exact: true }).click({ delay: PRESS_MS });
      await expect(guest.getByRole('button', { name: 'Leave call' })).toBeVisible();
      await expect(host.getByRole('group', { name: 'Bob', exact: true })).toBeVisible();
    });
  });
}

/**
 * Refusals said in the UI with what to do: a full room, a wrong room
 * password, and a server that went away (automatic retry shown, then back).
 */
import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import { closeAll, launchChromium, meetInRoom, openPerson, startServer } from '../support/parley';

let browser: Browser;
let server: SignalingServer;
let pages: Page[] = [];

test.beforeAll(async () => {
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
});

test.afterEach(async () => {
  await closeAll(pages);
  pages = [];
  await server?.close();
});

test('a full room says so', async () => {
  server = await startServer({ maxParticipants: 2 });
  pages = await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => openPerson(browser, server, name)));
  const [alice, bob, carol] = pages as [Page, Page, Page];
  const link = await meetInRoom(alice, [bob]);
  await carol.getByLabel('Invite link or room code').fill(link);
  await carol.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(carol.getByRole('alert')).toContainText('This room is full. Ask the host to make space');
  await expect(carol.getByRole('button', { name: 'Leave call' })).toHaveCount(0);
});

test('a wrong room password says so, the right one gets in', async () => {
  server = await startServer();
  pages = await Promise.all(['Alice', 'Bob'].map((name) => openPerson(browser, server, name)));
  const [alice, bob] = pages as [Page, Page];
  await alice.getByLabel('Room password (optional)').fill('north wind');
  await alice.getByRole('button', { name: 'New room' }).click();
  const link = await alice.getByRole('textbox', { name: 'Invite link' }).inputValue();

  await bob.getByLabel('Invite link or room code').fill(link);
  await bob.getByLabel('Room password (optional)').fill('south wind');
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.getByRole('alert')).toContainText('Wrong room password');

  await bob.getByLabel('Room password (optional)').fill('north wind');
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();
});

test('an unreachable server is shown with its automatic retry, and the page recovers', async () => {
  server = await startServer();
  const port = server.port;
  pages = [await openPerson(browser, server, 'Alice')];
  const [alice] = pages as [Page];
  await server.close();
  const alert = alice.getByRole('alert').filter({ hasText: 'Cannot reach the server. Retrying in' });
  await expect(alert).toBeVisible();
  server = await startServer({ port });
  await expect(alert).toHaveCount(0);
  await expect(alice.getByRole('button', { name: 'New room' })).toBeEnabled();
});

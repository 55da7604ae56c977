/**
 * Two people, through the real UI and the real server: a room link, and
 * ringing (accept, decline, cancel, timeout). Media is checked on the wire:
 * frames decoded rising both ways and audio bytes flowing.
 */
import type { Page } from 'playwright-core';
import { expectCleanedUp, expectReceiving, inviteLinkOf, received } from '../support/parley';
import { test, expect, type Person } from '../support/fixtures';

// A server per test (the fixture's default): people who just left stay listed for the resume grace period.
test.use({ serverOptions: { ringTimeoutMs: 5_000 } });

const people = (person: Person, ...names: string[]): Promise<Page[]> =>
  Promise.all(names.map((name) => person(name)));

/** Alice rings Bob from the list of people online; Bob's incoming call is on screen. */
async function ring(alice: Page, bob: Page): Promise<void> {
  await alice.getByRole('button', { name: 'Call Bob' }).click();
  await expect(alice.getByRole('dialog', { name: 'Calling Bob…' })).toBeVisible();
  await expect(bob.getByRole('alertdialog', { name: 'Alice is calling' })).toBeVisible();
}

test('two people meet through an invite link; media flows both ways; leaving cleans up', async ({
  person,
  server,
}) => {
  const [alice, bob] = await people(person, 'Alice', 'Bob');
  await alice.getByRole('button', { name: 'New room' }).click();
  const link = await inviteLinkOf(alice);
  expect(link).toMatch(new RegExp(`^${server.httpUrl}/\\?room=[A-Za-z0-9_-]+$`));

  await bob.goto(`${link}&test=1`);
  await expect(
    bob.getByRole('heading', { name: `You are invited to room ${new URL(link).searchParams.get('room')}` }),
  ).toBeVisible();
  await bob.getByRole('button', { name: 'Join', exact: true }).click();

  await expectReceiving(alice, 'Bob');
  await expectReceiving(bob, 'Alice');

  await bob.getByRole('button', { name: 'Leave call' }).click();
  await expect(bob.getByRole('status').filter({ hasText: 'You left the call.' })).toBeVisible();
  await expectCleanedUp(bob);
  await expect(alice.getByRole('group', { name: 'Bob', exact: true })).toHaveCount(0);
});

test('ringing, accepted: connected while it rings, no media before the accept, then both ways', async ({
  person,
}) => {
  const [alice, bob] = await people(person, 'Alice', 'Bob');
  await ring(alice, bob);
  // ICE and DTLS complete while it rings…
  for (const page of [alice, bob]) {
    await expect
      .poll(() => page.evaluate(() => Object.values(window.__parleyTest!.linkStates())))
      .toEqual(['connected']);
  }
  // …but neither camera nor microphone goes out before Bob accepts.
  for (const page of [alice, bob]) {
    const [peerId] = await page.evaluate(() => window.__parleyTest!.peerIds());
    expect(await received(page, peerId!)).toEqual({ cameraFrames: 0, otherVideoFrames: 0, audioBytes: 0 });
  }
  await bob.getByRole('button', { name: 'Accept with video' }).click();
  await expectReceiving(alice, 'Bob');
  await expectReceiving(bob, 'Alice');

  await alice.getByRole('button', { name: 'Leave call' }).click();
  await expectCleanedUp(alice);
  await expect(bob.getByRole('status').filter({ hasText: 'The call has ended.' })).toBeVisible();
  await expect.poll(() => bob.evaluate(() => window.__parleyTest!.openConnectionCount())).toBe(0);
});

test('ringing, declined: the caller is told', async ({ person }) => {
  const [alice, bob] = await people(person, 'Alice', 'Bob');
  await ring(alice, bob);
  await bob.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.getByRole('status').filter({ hasText: 'Bob declined the call.' })).toBeVisible();
  // The one who declined is told what they did, not that the caller declined.
  await expect(
    bob.getByRole('status').filter({ hasText: 'You declined the call from Alice.' }),
  ).toBeVisible();
  await expect(bob.getByRole('button', { name: 'New room' })).toBeVisible();
  for (const page of [alice, bob]) {
    await expect.poll(() => page.evaluate(() => window.__parleyTest!.openConnectionCount())).toBe(0);
  }
});

test('ringing, cancelled: the callee sees a missed call', async ({ person }) => {
  const [alice, bob] = await people(person, 'Alice', 'Bob');
  await ring(alice, bob);
  await alice.getByRole('button', { name: 'Cancel' }).click();
  await expect(alice.getByRole('status').filter({ hasText: 'Call cancelled.' })).toBeVisible();
  await expect(bob.getByRole('status').filter({ hasText: 'Missed call from Alice.' })).toBeVisible();
});

test('ringing, unanswered: it times out on both sides', async ({ person }) => {
  const [alice, bob] = await people(person, 'Alice', 'Bob');
  await ring(alice, bob);
  await expect(alice.getByRole('status').filter({ hasText: 'Bob did not answer.' })).toBeVisible();
  await expect(bob.getByRole('status').filter({ hasText: 'Missed call from Alice.' })).toBeVisible();
});

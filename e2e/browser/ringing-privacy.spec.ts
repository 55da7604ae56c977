/**
 * Being called opens nothing: while it rings the callee's camera and
 * microphone stay closed, the screen shows ringing only (no tiles, no head
 * count), and yet ICE and DTLS are done. The accept opens the devices: with
 * video, or audio only (then no camera at all).
 */
import type { Page } from 'playwright-core';
import { expectCleanedUp, linkStates, onlyPeer, received } from '../support/parley';
import { test, expect } from '../support/fixtures';

const liveTracks = (page: Page) => page.evaluate(() => window.__parleyTest!.liveTrackCount());

/** Bob has been in a room and left it: his camera and microphone are closed, as after any call. */
async function bobWithDevicesClosed(person: (name: string) => Promise<Page>): Promise<Page> {
  const bob = await person('Bob');
  await bob.getByRole('button', { name: 'New room' }).click();
  await bob.getByRole('button', { name: 'Leave call' }).click();
  await expectCleanedUp(bob);
  return bob;
}

test('while it rings the callee opens no device and sees only the ringing; audio-only accept opens the microphone alone', async ({
  person,
}) => {
  const bob = await bobWithDevicesClosed(person);
  const alice = await person('Alice');
  await alice.getByRole('button', { name: 'Call Bob' }).click();
  const incoming = bob.getByRole('alertdialog', { name: 'Alice is calling' });
  await expect(incoming).toBeVisible();
  await expect(alice.getByRole('dialog', { name: 'Calling Bob…' })).toBeVisible();

  // Connected while ringing…
  for (const page of [alice, bob]) await expect.poll(() => linkStates(page)).toEqual(['connected']);
  // …with no device opened on Bob's side and nothing but the ringing on either screen.
  expect(await liveTracks(bob)).toBe(0);
  for (const page of [alice, bob]) {
    await expect(page.getByRole('group')).toHaveCount(0);
    await expect(page.getByText(/in call/)).toHaveCount(0);
  }

  await bob.getByRole('button', { name: 'Accept audio only' }).click();
  await expect(bob.getByRole('button', { name: 'Leave call' })).toBeVisible();
  const bobId = await onlyPeer(alice);
  await expect.poll(async () => (await received(alice, bobId)).audioBytes).toBeGreaterThan(0);
  expect(await bob.evaluate(() => window.__parleyTest!.localTrackLabels().video)).toBeNull();
  expect(await liveTracks(bob)).toBe(1);
  expect((await received(alice, bobId)).cameraFrames).toBe(0);
  await expect(
    alice.getByRole('group', { name: 'Bob', exact: true }).getByRole('img', { name: 'Camera off' }),
  ).toBeVisible();
});

test('accepting with video opens camera and microphone only then, and both reach the caller', async ({
  person,
}) => {
  const bob = await bobWithDevicesClosed(person);
  const alice = await person('Alice');
  // The send parameters set on the accept must not be lost to a negotiation racing them.
  const refused: string[] = [];
  for (const page of [alice, bob]) {
    page.on('console', (message) => {
      if (message.text().includes('setParameters failed')) refused.push(message.text());
    });
  }
  await alice.getByRole('button', { name: 'Call Bob' }).click();
  await expect(bob.getByRole('alertdialog', { name: 'Alice is calling' })).toBeVisible();
  await expect.poll(() => linkStates(bob)).toEqual(['connected']);
  expect(await liveTracks(bob)).toBe(0);

  await bob.getByRole('button', { name: 'Accept with video' }).click();
  const bobId = await onlyPeer(alice);
  await expect.poll(async () => (await received(alice, bobId)).cameraFrames).toBeGreaterThan(0);
  await expect.poll(async () => (await received(alice, bobId)).audioBytes).toBeGreaterThan(0);
  expect(await liveTracks(bob)).toBe(2);
  expect(refused).toEqual([]);
});

/**
 * A caller learns nothing of the callee's address until the call is accepted: while it rings,
 * the callee's link offers only relay candidates (through a real coturn); on the accept, direct
 * paths open. Switched off, the callee's own addresses reach the caller at once.
 */
import type { Page } from 'playwright-core';
import type { SignalingServer } from '../../src/server';
import { Coturn } from '../support/coturn';
import { linkStates, onlyPeer, received } from '../support/parley';
import { requireCoturn, test, expect, type Person } from '../support/fixtures';

let coturn: Coturn;

test.beforeAll(async () => {
  requireCoturn();
  coturn = await Coturn.start();
});

test.afterAll(async () => {
  await coturn?.dispose();
});

const remoteTypes = (page: Page, peerId: string) =>
  page.evaluate((id) => window.__parleyTest!.remoteCandidateTypes(id), peerId);

async function ringBob(person: Person, server: SignalingServer, hide: boolean) {
  const bob = await person('Bob', { server });
  const hideBox = bob.getByRole('checkbox', { name: 'Hide my IP address from callers until I answer' });
  await expect(hideBox).toBeChecked(); // the default
  if (!hide) await hideBox.uncheck();
  const alice = await person('Alice', { server });
  await alice.getByRole('button', { name: 'Call Bob' }).click();
  await expect(bob.getByRole('alertdialog', { name: 'Alice is calling' })).toBeVisible();
  return { alice, bob };
}

test('while it rings the caller sees only the relay; on the accept direct paths open', async ({
  startServer,
  person,
}) => {
  const server = await startServer({ ice: { turnUrls: [coturn.url], turnSecret: coturn.secret } });
  const { alice, bob } = await ringBob(person, server, true);
  // Connected while ringing, through the relay…
  await expect.poll(() => linkStates(alice)).toEqual(['connected']);
  const bobId = await onlyPeer(alice);
  const whileRinging = await remoteTypes(alice, bobId);
  expect(whileRinging).toContain('relay');
  // …and nothing of Bob's own addresses reached Alice.
  expect(whileRinging.filter((type) => type === 'host' || type === 'srflx')).toEqual([]);

  await bob.getByRole('button', { name: 'Accept with video' }).click();
  await expect.poll(async () => (await received(alice, bobId)).cameraFrames).toBeGreaterThan(0);
  await expect.poll(() => remoteTypes(alice, bobId)).toContain('host');
});

test('switched off, the callee’s own addresses reach the caller while it rings', async ({
  startServer,
  person,
}) => {
  const server = await startServer({ ice: { turnUrls: [coturn.url], turnSecret: coturn.secret } });
  const { alice } = await ringBob(person, server, false);
  await expect.poll(() => linkStates(alice)).toEqual(['connected']);
  const bobId = await onlyPeer(alice);
  await expect.poll(() => remoteTypes(alice, bobId)).toContain('host');
});

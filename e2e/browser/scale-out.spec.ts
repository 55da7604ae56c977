/**
 * Two instances sharing Redis, a two-person call with the people on different instances, and
 * one instance killed mid-call (SIGKILL: no goodbye). The media is peer to peer, so its frames
 * never stop; the person whose instance died reconnects through the same address (a load
 * balancer, here a proxy that now forwards to the survivor), resumes with the same id and room,
 * and signaling works again: a screen share, which renegotiates, reaches the other person.
 */
import type { Page } from 'playwright-core';
import { redisMissing, startInstance, startRedis } from '../../src/server/test-redis';
import { test, expect } from '../support/fixtures';
import { expectReceiving, meetInRoom, peerIdOf, received, WEB_ROOT } from '../support/parley';
import { LoopbackProxy } from '../support/proxy';

test.skip(redisMissing !== null, `needs Redis: ${redisMissing}`);

const cameraFrames = async (viewer: Page, sender: string): Promise<number> =>
  (await received(viewer, await peerIdOf(viewer, sender))).cameraFrames;

test('an instance killed mid-call: frames keep flowing, signaling resumes on the surviving instance', async ({
  startServer,
  person,
}) => {
  test.setTimeout(120_000);
  const redis = await startRedis();
  const survivor = await startServer({ redis: redis.url });
  const doomed = await startInstance(redis.url, ['--web-root', WEB_ROOT]);
  const balancer = await LoopbackProxy.start(doomed.port);
  try {
    const alice = await person('Alice', { server: survivor });
    const room = new URL(await meetInRoom(alice, [])).searchParams.get('room') as string;
    // Bob's page and socket come through the balancer, to the doomed instance.
    const bob = await person('Bob', { server: survivor, query: `room=${room}`, origin: balancer.httpUrl });
    await bob.getByRole('button', { name: 'Join', exact: true }).click();
    await expectReceiving(alice, 'Bob');
    await expectReceiving(bob, 'Alice');
    const bobAsAliceSeesHim = await peerIdOf(alice, 'Bob');
    const before = { atAlice: await cameraFrames(alice, 'Bob'), atBob: await cameraFrames(bob, 'Alice') };

    await doomed.kill('SIGKILL');
    balancer.retarget(survivor.port);

    await expect.poll(() => cameraFrames(alice, 'Bob')).toBeGreaterThan(before.atAlice);
    await expect.poll(() => cameraFrames(bob, 'Alice')).toBeGreaterThan(before.atBob);
    await expect(bob.getByText(/Cannot reach the server|Connecting to the server/)).toHaveCount(0);
    // Resumed, not rejoined: Alice still sees the same Bob, and nobody left her screen.
    expect(await peerIdOf(alice, 'Bob')).toBe(bobAsAliceSeesHim);

    // A screen share renegotiates: its offer and answer go through the surviving instance.
    await bob.getByRole('button', { name: 'Share screen' }).click();
    await expect(alice.getByRole('group', { name: "Bob's screen" })).toBeVisible();
    // Surely after the resume now: still the same Bob, on the same link.
    expect(await peerIdOf(alice, 'Bob')).toBe(bobAsAliceSeesHim);
    await expect
      .poll(async () => (await received(alice, bobAsAliceSeesHim)).otherVideoFrames)
      .toBeGreaterThan(0);
  } finally {
    await balancer.close();
    await doomed.kill();
    await survivor.close();
    await redis.stop();
  }
});

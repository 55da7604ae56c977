/**
 * Screen share as a second video track: the other side sees it large beside
 * the sharer's camera, and it stops cleanly — from Parley's button and from
 * the browser's own "Stop sharing" control.
 */
import type { Page } from 'playwright-core';
import { meetInRoom, peerIdOf, received } from '../support/parley';
import { test, expect } from '../support/fixtures';

async function expectScreenFramesRising(page: Page, peerId: string): Promise<void> {
  const before = (await received(page, peerId)).otherVideoFrames;
  await expect.poll(async () => (await received(page, peerId)).otherVideoFrames).toBeGreaterThan(before);
}

// One call for both steps: a share stopped from Parley's button, then one stopped by the browser.
test('screen share', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);

  await test.step('a shared screen is seen large, with the camera beside it, and stopped', async () => {
    const aliceId = await peerIdOf(bob, 'Alice');
    await alice.getByRole('button', { name: 'Share screen' }).click();
    await expect(alice.getByRole('button', { name: 'Stop sharing' })).toBeVisible();

    const screen = bob.getByRole('group', { name: "Alice's screen" });
    await expect(screen).toBeVisible();
    await expect(bob.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();
    await expectScreenFramesRising(bob, aliceId);
    await expect.poll(async () => (await received(bob, aliceId)).cameraFrames).toBeGreaterThan(0);

    await alice.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(screen).toHaveCount(0);
    await expect(alice.getByRole('button', { name: 'Share screen' })).toBeVisible();
    expect(await alice.evaluate(() => window.__parleyTest!.liveTrackCount())).toBe(2);
  });

  await test.step("the browser's own stop control ends the share for everyone", async () => {
    await alice.getByRole('button', { name: 'Share screen' }).click();
    const screen = bob.getByRole('group', { name: "Alice's screen" });
    await expect(screen).toBeVisible();
    await alice.evaluate(() => window.__parleyTest!.endScreenShareFromBrowser());
    await expect(alice.getByRole('button', { name: 'Share screen' })).toBeVisible();
    await expect(screen).toHaveCount(0);
  });
});

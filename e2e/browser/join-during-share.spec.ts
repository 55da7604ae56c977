/**
 * Someone joins while a screen is being shared: the sharer's new link starts
 * with its screen transceiver before the newcomer's first offer arrives, yet
 * the newcomer gets everyone's camera and the screen, and everyone gets theirs.
 */
import { expectReceiving, meetInRoom, peerIdOf, received, setName } from '../support/parley';
import { test, expect } from '../support/fixtures';

test('a fourth person joins while one of three shares the screen', async ({ person }) => {
  test.slow(); // four people in a mesh
  const [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => person(name)));
  const link = await meetInRoom(alice, [bob, carol]);
  await carol.getByRole('button', { name: 'Share screen' }).click();
  await expect(carol.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  for (const page of [alice, bob]) {
    await expect(page.getByRole('group', { name: "Carol's screen" })).toBeVisible();
  }

  const dave = await person('Dave');
  await dave.goto(`${link}&test=1`);
  await setName(dave, 'Dave');
  await dave.getByRole('button', { name: 'Join', exact: true }).click();

  const others = { Alice: alice, Bob: bob, Carol: carol };
  for (const [name, page] of Object.entries(others)) {
    await expectReceiving(dave, name);
    await expectReceiving(page, 'Dave');
  }
  await expect(dave.getByRole('group', { name: "Carol's screen" })).toBeVisible();
  const carolId = await peerIdOf(dave, 'Carol');
  await expect.poll(async () => (await received(dave, carolId)).otherVideoFrames).toBeGreaterThan(0);
});

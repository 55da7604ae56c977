/**
 * Getting into a room as a newcomer: an invite opens a page whose one obvious
 * action is joining that room; the address always names the room you are in,
 * so a reload leads back; waiting alone says so; a malformed room code is
 * refused in words.
 */
import { inviteLinkOf } from '../support/parley';
import { test, expect } from '../support/fixtures';

test('an invite offers joining its room; the address follows the room, so a reload leads back in', async ({
  person,
}) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await alice.getByRole('button', { name: 'New room' }).click();
  const link = await inviteLinkOf(alice);
  const room = new URL(link).searchParams.get('room')!;
  await expect(alice).toHaveURL(new RegExp(`[?&]room=${room}(&|$)`));
  await expect(
    alice.getByRole('status').filter({ hasText: 'Nobody is here yet. Send the invite link' }),
  ).toBeVisible();

  await bob.goto(`${link}&test=1`);
  await expect(bob.getByRole('heading', { name: `You are invited to room ${room}` })).toBeVisible();
  await expect(bob.getByRole('button', { name: 'New room', exact: true })).toHaveCount(0);
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();
  await expect(alice.getByText(/Nobody is here yet/)).toHaveCount(0);

  await alice.reload();
  await alice.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(alice.getByRole('group', { name: 'Bob', exact: true })).toBeVisible();
  await expect(bob.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();

  await bob.getByRole('button', { name: 'Leave call' }).click();
  await expect(bob.getByRole('button', { name: 'New room' })).toBeVisible();
  expect(new URL(bob.url()).searchParams.has('room')).toBe(false);
});

test('a link to a room nobody is in says so, instead of a silent empty room', async ({ person }) => {
  const bob = await person('Bob', { query: 'room=no-such-room-2026' });
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(
    bob
      .getByRole('status')
      .filter({ hasText: 'Nobody is here yet. If you expected someone, check the link' }),
  ).toBeVisible();
});

test('a malformed room code is refused with a message, in the address and in the field', async ({
  person,
}) => {
  const bob = await person('Bob', { query: 'room=not%20a%20room!' });
  await expect(bob.getByRole('alert')).toContainText('“not a room!” is not a room link or code');
  await bob.getByLabel('Invite link or room code').fill('still not a room!');
  await expect(bob.getByText('That is not a room link or code.')).toBeVisible();
  await expect(bob.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
});

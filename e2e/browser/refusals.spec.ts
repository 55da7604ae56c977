/**
 * Refusals said in the UI with what to do: a full room, a locked room (its
 * password asked for, a wrong one said), and a server that went away
 * (automatic retry shown, then back).
 */
import { inviteLinkOf, meetInRoom } from '../support/parley';
import { test, expect } from '../support/fixtures';

test.describe('in a room for two', () => {
  test.use({ serverOptions: { maxParticipants: 2 } });

  test('a full room says so', async ({ person }) => {
    const [alice, bob, carol] = await Promise.all(['Alice', 'Bob', 'Carol'].map((name) => person(name)));
    const link = await meetInRoom(alice, [bob]);
    await carol.getByLabel('Invite link or room code').fill(link);
    await carol.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(carol.getByRole('alert')).toContainText('This room is full. Ask the host to make space');
    await expect(carol.getByRole('button', { name: 'Leave call' })).toHaveCount(0);
  });
});

test('a room locked where it is created shows a lock inside, asks a joiner for its password only then, and says when it is wrong', async ({
  person,
}) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await alice.getByRole('checkbox', { name: 'Lock the new room with a password' }).check();
  await alice.getByLabel('Password for the new room').fill('north wind');
  await alice.getByRole('button', { name: 'New room' }).click();
  const locked = (page: typeof alice) =>
    page.getByRole('img', { name: 'Locked room: joining needs its password' });
  await expect(locked(alice)).toBeVisible();
  const link = await inviteLinkOf(alice);

  await bob.goto(`${link}&test=1`);
  await expect(bob.getByLabel('Room password')).toHaveCount(0);
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.getByRole('alert')).toContainText('This room is locked. Enter its password to join.');
  await bob.getByLabel('Room password').fill('south wind');
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.getByRole('alert')).toContainText('Wrong room password');

  await bob.getByLabel('Room password').fill('north wind');
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bob.getByRole('group', { name: 'Alice', exact: true })).toBeVisible();
  await expect(locked(bob)).toBeVisible();
});

test('an unreachable server is shown with its automatic retry, and the page recovers', async ({
  server,
  startServer,
  person,
}) => {
  const port = server.port;
  const alice = await person('Alice');
  await server.close();
  const alert = alice.getByRole('alert').filter({ hasText: 'Cannot reach the server. Retrying in' });
  await expect(alert).toBeVisible();
  await startServer({ port });
  await expect(alert).toHaveCount(0);
  await expect(alice.getByRole('button', { name: 'New room' })).toBeEnabled();
});

/**
 * axe-core on every screen a newcomer meets: the lobby (plain and from an
 * invite), both ringing dialogs, the call view and each of its panels.
 * Zero violations of moderate impact or worse.
 */
import { expectAccessible } from '../support/axe';
import { inviteLinkOf, meetInRoom } from '../support/parley';
import { test, expect } from '../support/fixtures';

test('the lobby, plain and from an invite', async ({ person }) => {
  const alice = await person('Alice');
  await expect(alice.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
  await expectAccessible(alice, 'lobby');
  await alice.getByRole('button', { name: 'New room' }).click();
  const link = await inviteLinkOf(alice);
  const bob = await person('Bob');
  await bob.goto(`${link}&test=1`);
  await expect(bob.getByRole('heading', { name: /You are invited/ })).toBeVisible();
  await expectAccessible(bob, 'invite lobby');
});

test('the ringing dialogs', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await alice.getByRole('button', { name: 'Call Bob' }).click();
  await expect(alice.getByRole('dialog', { name: 'Calling Bob…' })).toBeVisible();
  await expect(bob.getByRole('alertdialog', { name: 'Alice is calling' })).toBeVisible();
  await expectAccessible(alice, 'outgoing call');
  await expectAccessible(bob, 'incoming call');
});

test('the call view and each panel', async ({ person }) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);
  await expect(alice.getByRole('group', { name: 'Bob', exact: true })).toBeVisible();
  await expectAccessible(alice, 'call view');

  await alice.getByRole('button', { name: 'Verify Bob' }).click();
  await expect(alice.getByRole('img', { name: /^Verification code: / })).toBeVisible();
  await expectAccessible(alice, 'verification code');
  await alice.getByRole('button', { name: 'They match' }).click();
  await expect(alice.getByRole('img', { name: 'Verified' })).toBeVisible();
  await expectAccessible(alice, 'a verified person');

  await alice.getByRole('button', { name: 'Chat', exact: true }).click();
  await expect(alice.getByRole('log', { name: 'Chat' })).toBeVisible();
  await expectAccessible(alice, 'chat panel, empty');
  await alice.getByRole('textbox', { name: 'Message' }).fill('hello');
  await alice.getByRole('button', { name: 'Send' }).click();
  await expect(alice.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(alice, 'chat panel, with a message');

  await alice.getByRole('button', { name: 'Statistics' }).click();
  await expect(alice.getByRole('table', { name: 'Bob' })).toBeVisible();
  await expectAccessible(alice, 'statistics panel');

  await alice.getByRole('button', { name: 'Devices' }).click();
  await expect(alice.getByRole('combobox', { name: 'Camera' }).last()).toBeVisible();
  await expectAccessible(alice, 'devices panel');
});

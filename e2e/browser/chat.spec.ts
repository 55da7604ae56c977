/**
 * Chat never drops text: a pasted message over the limit stays whole in the
 * field with a counter saying how much to cut, and what is sent arrives
 * whole. Esc closes the panel while typing, as the hint says.
 */
import { meetInRoom } from '../support/parley';
import { test, expect } from '../support/fixtures';

test('a long paste is kept whole and counted; a message at the limit arrives whole; Esc closes the chat from the field', async ({
  person,
}) => {
  const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name)));
  await meetInRoom(alice, [bob]);
  await alice.getByRole('button', { name: 'Chat', exact: true }).click();
  const input = alice.getByRole('textbox', { name: 'Message' });
  const send = alice.getByRole('button', { name: 'Send' });

  const pasted = 'a'.repeat(5_000);
  await input.fill(pasted);
  await expect(input).toHaveValue(pasted);
  await expect(alice.getByText('3000 characters over the 2000-character limit.')).toBeVisible();
  await expect(send).toBeDisabled();

  const atLimit = 'b'.repeat(2_000);
  await input.fill(atLimit);
  await expect(alice.getByText('2000 of 2000 characters')).toBeVisible();
  await send.click();
  await expect(input).toHaveValue('');
  await bob.getByRole('button', { name: 'Chat, 1 unread' }).click();
  await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem').last()).toHaveText(
    `Alice${atLimit}`,
  );

  await input.fill('half a thought');
  await input.press('Escape');
  await expect(alice.getByRole('log', { name: 'Chat' })).toHaveCount(0);
});

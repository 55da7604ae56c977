/**
 * Three people in a mesh: every pair receives every other; chat reaches
 * everyone in order (with an unread count); mute and camera-off are seen by the others.
 */
import { expectReceiving, meetInRoom } from '../support/parley';
import { test, expect } from '../support/fixtures';

const names = ['Alice', 'Bob', 'Carol'] as const;

// One mesh for every step: setting up three people is the expensive part.
test('three people in a mesh', async ({ person }) => {
  test.slow(); // four former tests' worth of work in one
  const [alice, bob, carol] = await Promise.all(names.map((name) => person(name)));
  await meetInRoom(alice, [bob, carol]);

  await test.step('every pair receives every other, video and audio', async () => {
    const pages = { Alice: alice, Bob: bob, Carol: carol };
    for (const [name, page] of Object.entries(pages)) {
      for (const other of names.filter((n) => n !== name)) await expectReceiving(page, other);
    }
  });

  await test.step('chat reaches everyone, in order, with the sender named from the link', async () => {
    await expect(bob.getByRole('button', { name: 'Chat', exact: true })).toBeVisible();
    await alice.getByRole('button', { name: 'Chat', exact: true }).click();
    const input = alice.getByRole('textbox', { name: 'Message' });
    for (const text of ['first', 'second', 'third']) {
      await input.fill(text);
      await input.press('Enter');
    }
    for (const page of [bob, carol]) {
      await expect(page.getByRole('button', { name: 'Chat, 3 unread' })).toBeVisible();
      await page.getByRole('button', { name: 'Chat, 3 unread' }).click();
      const log = page.getByRole('log', { name: 'Chat' });
      await expect(log.getByRole('listitem')).toHaveText(['Alicefirst', 'Alicesecond', 'Alicethird']);
    }
    await carol.getByRole('textbox', { name: 'Message' }).fill('hello from Carol');
    await carol.getByRole('button', { name: 'Send' }).click();
    await expect(alice.getByRole('log', { name: 'Chat' }).getByRole('listitem').last()).toHaveText(
      'Carolhello from Carol',
    );
    await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem').last()).toHaveText(
      'Carolhello from Carol',
    );
  });

  await test.step('mute and camera-off are seen by the others, and undone', async () => {
    await bob.getByRole('button', { name: 'Mute microphone' }).click();
    await bob.getByRole('button', { name: 'Turn camera off' }).click();
    for (const page of [alice, carol]) {
      const tile = page.getByRole('group', { name: 'Bob', exact: true });
      await expect(tile.getByRole('img', { name: 'Microphone muted' })).toBeVisible();
      await expect(tile.getByRole('img', { name: 'Camera off' })).toBeVisible();
    }
    // Keyboard shortcuts undo both.
    await bob.keyboard.press('m');
    await bob.keyboard.press('v');
    await expect(bob.getByRole('button', { name: 'Mute microphone' })).toBeVisible();
    for (const page of [alice, carol]) {
      const tile = page.getByRole('group', { name: 'Bob', exact: true });
      await expect(tile.getByRole('img', { name: 'Microphone muted' })).toHaveCount(0);
      await expect(tile.getByRole('img', { name: 'Camera off' })).toHaveCount(0);
    }
  });

  await test.step('the stats panel shows each participant’s connection', async () => {
    await alice.getByRole('button', { name: 'Statistics' }).click();
    const panel = alice.getByRole('dialog', { name: 'Statistics' });
    for (const name of ['Bob', 'Carol']) {
      const table = panel.getByRole('table', { name });
      await expect(table.getByRole('row', { name: /Resolution/ })).toContainText('×');
      await expect(table.getByRole('row', { name: /Route/ })).toContainText('Direct (same network)');
      await expect(table.getByRole('row', { name: /Codec/ })).not.toContainText('–');
    }
  });

  await test.step('a snapshot of a tile is saved as a PNG', async () => {
    const download = alice.waitForEvent('download');
    await alice.getByRole('button', { name: 'Save snapshot of Carol' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^parley-Carol-.*\.png$/);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path)).subarray(1, 4).toString()).toBe('PNG');
  });
});

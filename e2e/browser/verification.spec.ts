/**
 * Verification codes through the real UI, the real server and real DTLS:
 * both ends of a link show the same code; a man in the middle who terminates
 * each side's DTLS with peer connections of his own (and rewrites the SDP in
 * transit, as a malicious server would) makes them differ; a verified
 * person's new key is warned about before their media plays; verify → reset.
 * A Firefox guest shows the same code as its Chromium host.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { SignalPayload } from '../../src/shared/protocol';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { expectAccessible } from '../support/axe';
import { clickButton, launchFirefox, openFirefoxPerson } from '../support/firefox';
import { inviteLinkOf, meetInRoom, setName } from '../support/parley';
import { test, expect } from '../support/fixtures';

/** Opens "Verify {name}" on `page` and reads the code it shows (emoji separated by spaces). */
async function openCode(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: `Verify ${name}` }).click();
  const code = page.getByRole('group', { name: `Verify ${name}` }).locator('.sas');
  await expect(code).toHaveText(/\S/);
  return (await code.textContent()) ?? '';
}

const SEVEN_EMOJI = /^\p{Extended_Pictographic}( \p{Extended_Pictographic}){6}$/u;

test('both ends show the same code; verify marks the person, reset takes it back', async ({ person }) => {
  const [alice, bob] = await Promise.all([person('Alice'), person('Bob')]);
  await meetInRoom(alice, [bob]);
  const aliceSees = await openCode(alice, 'Bob');
  const bobSees = await openCode(bob, 'Alice');
  expect(aliceSees).toMatch(SEVEN_EMOJI);
  expect(bobSees).toBe(aliceSees);

  const bobsTile = alice.getByRole('group', { name: 'Bob', exact: true });
  await expect(alice.getByRole('button', { name: 'They match' })).toBeFocused();
  await alice.keyboard.press('Enter');
  await expect(bobsTile.getByRole('img', { name: 'Verified' })).toBeVisible();
  await alice.getByRole('button', { name: 'Reset verification of Bob' }).click();
  await expect(bobsTile.getByRole('img', { name: 'Verified' })).toHaveCount(0);
  await expect(alice.getByRole('button', { name: 'Verify Bob' })).toBeVisible();
});

test("a verified person's new key is warned about before their media plays; their old key is not", async ({
  person,
}) => {
  const [alice, bob] = await Promise.all([person('Alice'), person('Bob')]);
  const link = await meetInRoom(alice, [bob]);
  await openCode(alice, 'Bob');
  await alice.getByRole('button', { name: 'They match' }).click();
  const bobsTile = alice.getByRole('group', { name: 'Bob', exact: true });
  await expect(bobsTile.getByRole('img', { name: 'Verified' })).toBeVisible();

  // Bob comes back from the same browser profile: same certificate, still verified, no warning.
  await bob.getByRole('button', { name: 'Leave call' }).click();
  await expect(bobsTile).toHaveCount(0);
  await bob.goto(`${link}&test=1`);
  await setName(bob, 'Bob');
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bobsTile.getByRole('img', { name: 'Verified' })).toBeVisible();
  await expect(alice.getByRole('alert')).toHaveCount(0);
  await bob.context().close();

  // "Bob" again from a fresh profile (cleared data, another device, or someone else): a new key.
  const newBob = await person('Bob');
  await newBob.goto(`${link}&test=1`);
  await setName(newBob, 'Bob');
  await newBob.getByRole('button', { name: 'Join', exact: true }).click();
  const warning = bobsTile.getByRole('alert');
  await expect(warning).toContainText('security key is not the one you verified');
  // Held back: the video is covered and its sound muted.
  await expect(bobsTile.locator('video')).toHaveJSProperty('muted', true);
  await expect(bobsTile.locator('.camera-off-cover')).toBeVisible();
  await expectAccessible(alice, 'a key-change warning');

  // Comparing the new code and confirming it makes the new key the verified one.
  await warning.getByRole('button', { name: 'Compare the code' }).click();
  expect(await bobsTile.locator('.sas').textContent()).toMatch(SEVEN_EMOJI);
  await alice.getByRole('button', { name: 'They match' }).click();
  await expect(bobsTile.getByRole('img', { name: 'Verified' })).toBeVisible();
  await expect(bobsTile.locator('video')).toHaveJSProperty('muted', false);
});

type Side = 'host' | 'guest';

/**
 * Mallory, a page of peer connections of his own: one answers the guest's offer, the other
 * offers to the host in the guest's name. Each side's DTLS ends at Mallory, with his certificates,
 * and he plays the nonce exchange honestly on each (he cannot know what the other side will reveal).
 */
async function openMallory(page: Page, deliver: (side: Side, payload: SignalPayload) => void): Promise<void> {
  await page.exposeFunction('deliver', deliver);
  await page.exposeFunction('sha256', (hex: string) =>
    createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex'),
  );
  await page.evaluate(() => {
    const mallory = window as unknown as {
      deliver(side: string, payload: unknown): void;
      sha256(hex: string): Promise<string>;
    };
    const send = mallory.deliver;
    /** Commits to a nonce of his own, reveals it once he has the other end's commitment. */
    const exchangeNonces = (channel: RTCDataChannel) => {
      const nonce = [...crypto.getRandomValues(new Uint8Array(16))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
      const opened = new Promise((resolve) => (channel.onopen = resolve));
      const committed = Promise.all([opened, mallory.sha256(nonce)]).then(([, hash]) =>
        channel.send(JSON.stringify({ t: 'nonce-commit', hash })),
      );
      channel.onmessage = ({ data }) => {
        if (JSON.parse(String(data)).t === 'nonce-commit') {
          void committed.then(() => channel.send(JSON.stringify({ t: 'nonce-reveal', nonce })));
        }
      };
    };
    const make = (side: string) => {
      const pc = new RTCPeerConnection();
      pc.onicecandidate = ({ candidate }) =>
        send(side, { kind: 'candidate', candidate: candidate?.toJSON() ?? null });
      pc.onnegotiationneeded = async () => {
        await pc.setLocalDescription();
        send(side, { kind: 'description', description: pc.localDescription!.toJSON() });
      };
      return pc;
    };
    const links: Record<string, RTCPeerConnection> = { guest: make('guest') };
    const toHost = () => {
      const pc = (links.host = make('host'));
      pc.addTransceiver('audio');
      pc.addTransceiver('video');
      exchangeNonces(pc.createDataChannel('parley', { negotiated: true, id: 0 }));
    };
    (window as unknown as { receive(side: string, payload: SignalPayload): Promise<void> }).receive = async (
      side,
      payload,
    ) => {
      const pc = links[side]!;
      if (payload.kind === 'candidate') {
        await pc.addIceCandidate(payload.candidate ?? { candidate: '' }).catch(() => undefined);
        return;
      }
      await pc.setRemoteDescription(payload.description);
      if (payload.description.type !== 'offer') return;
      // The guest's first offer: answer it, and offer to the host in the guest's name.
      const first = side === 'guest' && !links.host;
      if (first) exchangeNonces(pc.createDataChannel('parley', { negotiated: true, id: 0 }));
      await pc.setLocalDescription();
      send(side, { kind: 'description', description: pc.localDescription!.toJSON() });
      if (first) toHost();
    };
  });
}

test('a man in the middle of the DTLS handshake makes the two codes differ', async ({ person, browser }) => {
  const mallory = await (await browser.newContext()).newPage();
  const sockets: Partial<Record<Side, { send(text: string): void }>> = {};
  const ids: Partial<Record<Side, string>> = {};
  let room = '';
  const other = (side: Side): Side => (side === 'host' ? 'guest' : 'host');
  await openMallory(mallory, (side, payload) => {
    // What Mallory says to one side arrives as a signal from the other, as a malicious server would relay it.
    sockets[side]!.send(JSON.stringify({ v: 1, type: 'signal', room, from: ids[other(side)], payload }));
  });
  /** Every signal `page` sends goes to Mallory instead of the other person. */
  const intercept = (page: Page, side: Side) =>
    page.routeWebSocket(/\/ws$/, (socket) => {
      const server = socket.connectToServer();
      sockets[side] = socket;
      socket.onMessage((raw) => {
        const message = JSON.parse(String(raw)) as { type: string; room?: string; payload?: unknown };
        if (message.type !== 'signal') return server.send(raw);
        room = message.room!;
        void mallory.evaluate(
          ([from, payload]) =>
            (window as unknown as { receive(s: string, p: unknown): Promise<void> }).receive(from, payload),
          [side, message.payload] as const,
        );
      });
      server.onMessage((raw) => {
        const message = JSON.parse(String(raw)) as { type: string; peerId?: string };
        if (message.type === 'welcome') ids[side] = message.peerId;
        socket.send(raw);
      });
    });

  const [alice, bob] = await Promise.all([person('Alice'), person('Bob')]);
  await intercept(alice, 'host');
  await intercept(bob, 'guest');
  for (const [page, name] of [
    [alice, 'Alice'],
    [bob, 'Bob'],
  ] as const) {
    await page.reload();
    await setName(page, name);
  }
  await meetInRoom(alice, [bob]);
  const aliceSees = await openCode(alice, 'Bob');
  const bobSees = await openCode(bob, 'Alice');
  expect(aliceSees).toMatch(SEVEN_EMOJI);
  expect(bobSees).toMatch(SEVEN_EMOJI);
  expect(bobSees).not.toBe(aliceSees);
  await mallory.context().close();
});

test('a Firefox guest and its Chromium host show the same code', async ({ person }) => {
  const firefox = await launchFirefox();
  test.skip(typeof firefox === 'string', String(firefox));
  if (typeof firefox === 'string') return;
  try {
    const host = await person('Alice');
    await host.getByRole('button', { name: 'New room' }).click();
    const guest: FirefoxPage = await openFirefoxPerson(firefox, await inviteLinkOf(host), 'Bob');
    await clickButton(guest, 'Join');
    const hostSees = await openCode(host, 'Bob');
    await clickButton(guest, 'Verify Alice');
    const sas = await guest.waitForSelector('.verify-panel .sas');
    expect(await sas!.evaluate((element) => element.textContent)).toBe(hostSees);
  } finally {
    await firefox.close();
  }
});

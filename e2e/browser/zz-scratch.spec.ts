import { test, expect } from '@playwright/test';
import { CHROMIUM_ARGS, expectReceiving, launchChromium, openPerson, startServer, setName } from '../support/parley';

test('scratch device switch', async () => {
  const browser = await launchChromium(CHROMIUM_ARGS.map((a) => (a === '--use-fake-device-for-media-stream' ? `${a}=device-count=3` : a)));
  const server = await startServer();
  const alice = await openPerson(browser, server, 'Alice');
  await alice.getByRole('button', { name: 'New room' }).click();
  const link = await alice.getByRole('textbox', { name: 'Invite link' }).inputValue();
  const ctx = await browser.newContext();
  const bob = await ctx.newPage();
  await bob.addInitScript(() => { const N = window.RTCPeerConnection; (window as any).pcs = []; window.RTCPeerConnection = class extends N { constructor(c?: RTCConfiguration) { super(c); (window as any).pcs.push(this); } }; });
  await bob.goto(`${server.httpUrl}/?test=1&room=${new URL(link).searchParams.get('room')}`);
  await setName(bob, 'Bob');
  await bob.getByRole('button', { name: 'Join', exact: true }).click();
  await expectReceiving(alice, 'Bob');
  const before = await bob.evaluate(() => window.__parleyTest!.localTrackLabels().video);
  await bob.getByRole('button', { name: 'Devices' }).click();
  const picker = bob.getByRole('combobox', { name: 'Camera' });
  const other = await picker.locator('option').evaluateAll((o, c) => (o as HTMLOptionElement[]).find((x) => x.text !== c)?.value, before);
  await picker.selectOption(other!);
  await expect.poll(() => bob.evaluate(() => window.__parleyTest!.localTrackLabels().video)).not.toBe(before);
  for (let i = 0; i < 4; i++) {
    console.log(i, await bob.evaluate(async () => {
      const pc = (window as any).pcs.at(-1) as RTCPeerConnection;
      const out: string[] = [];
      for (const s of pc.getSenders()) out.push(`${s.track?.kind} ${s.track?.label} ${s.track?.readyState} muted=${s.track?.muted} enabled=${s.track?.enabled} ${JSON.stringify(s.getParameters().encodings)}`);
      (await pc.getStats()).forEach((r: any) => { if (r.type === 'outbound-rtp' && r.kind === 'video') out.push(`out framesEncoded=${r.framesEncoded} framesSent=${r.framesSent} limit=${r.qualityLimitationReason} ${r.frameWidth}x${r.frameHeight}`); if (r.type==='media-source' && r.kind==='video') out.push(`src ${r.width}x${r.height} fps=${r.framesPerSecond} frames=${r.frames}`)});
      return out.join('\n');
    }));
    await new Promise((r) => setTimeout(r, 1000));
  }
  await browser.close();
  await server.close();
});

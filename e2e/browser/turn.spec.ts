/**
 * TURN through a real coturn on loopback. First coturn alone with two raw
 * RTCPeerConnections (proves the harness and pins down what Chromium reports
 * on bad credentials), then Parley itself with both people on "Relay only".
 */
import type { Browser, Page } from 'playwright-core';
import type { IceServer } from '../../src/shared/protocol';
import { iceServersFor } from '../../src/server/turn-credentials';
import { Coturn } from '../support/coturn';
import { chooseRelayOnly } from '../support/relay-only';
import { expectReceiving, meetInRoom, peerIdOf } from '../support/parley';
import { requireCoturn, test, expect } from '../support/fixtures';

let coturn: Coturn;
// The worker's Chromium (fixture), kept here for the helpers and hooks below.
let browser: Browser;

test.beforeAll(async ({ browser: shared }) => {
  requireCoturn();
  coturn = await Coturn.start();
  browser = shared;
});

test.afterAll(async () => {
  await coturn?.dispose();
});

/** REST credentials for `peerId` from `secret`, valid for `ttlSeconds` (negative: already expired). */
function turnServers(peerId: string, { secret = coturn.secret, ttlSeconds = 600 } = {}): IceServer[] {
  return iceServersFor(
    { stunUrls: [], turnUrls: [coturn.url], turnSecret: secret, turnTtlSeconds: ttlSeconds },
    peerId,
  );
}

test.describe('coturn on loopback, raw WebRTC', () => {
  let page: Page;

  test.beforeEach(async () => {
    page = await browser.newPage();
    // getUserMedia needs a secure context: http://localhost is one, and this page never leaves the browser.
    await page.route('http://localhost/', (route) =>
      route.fulfill({ body: '<!doctype html>', contentType: 'text/html' }),
    );
    await page.goto('http://localhost/');
  });

  test.afterEach(async () => {
    await page.close();
  });

  test('two relay-only peer connections carry fake-camera frames through coturn', async () => {
    await page.evaluate(connectRelayPair, { a: turnServers('alice'), b: turnServers('bob') });
    await expect.poll(() => page.evaluate(framesDecoded)).toBeGreaterThan(10);
    const first = await page.evaluate(framesDecoded);
    await expect.poll(() => page.evaluate(framesDecoded)).toBeGreaterThan(first);
    expect(await page.evaluate(selectedPairTypes)).toEqual({
      a: { local: 'relay', remote: 'relay' },
      b: { local: 'relay', remote: 'relay' },
    });
  });

  test('a wrong secret or expired credentials are refused: icecandidateerror 401 and no candidate', async () => {
    for (const iceServers of [
      turnServers('mallory', { secret: 'wrong' }),
      turnServers('late', { ttlSeconds: -60 }),
    ]) {
      const gathered = await page.evaluate(gatherRelay, iceServers);
      expect(gathered.candidates).toEqual([]);
      expect(gathered.errors).toEqual([{ errorCode: 401, url: coturn.url }]);
    }
  });
});

test.describe('Parley with "Relay only"', () => {
  test('both peers relay through coturn: frames flow and the selected pair is a relay pair', async ({
    startServer,
    person,
  }) => {
    const server = await startServer({ ice: { turnUrls: [coturn.url], turnSecret: coturn.secret } });
    const [alice, bob] = await Promise.all(['Alice', 'Bob'].map((name) => person(name, { server })));
    for (const page of [alice, bob]) await chooseRelayOnly(page);
    // Bob reloads on the invite link: the setting must be remembered to hold for him.
    await meetInRoom(alice, [bob]);
    await expectReceiving(alice, 'Bob');
    await expectReceiving(bob, 'Alice');
    for (const [page, other] of [
      [alice, 'Bob'],
      [bob, 'Alice'],
    ] as const) {
      const peerId = await peerIdOf(page, other);
      expect(await page.evaluate((id) => window.__parleyTest!.candidateType(id), peerId)).toBe('relay');
    }
  });

  const refusals = [
    {
      why: 'a wrong TURN secret',
      ice: () => ({ turnUrls: [coturn.url], turnSecret: 'not-the-secret' }),
      told: 'each person',
    },
    {
      why: 'expired TURN credentials',
      ice: () => ({ turnUrls: [coturn.url], turnSecret: coturn.secret, turnTtlSeconds: 1 }),
      // Credentials come with the room: Alice's one-second ones are stale when Bob joins two
      // seconds later (his own are fresh), so Alice is the one the relay refuses.
      staleAfterMs: 2_100,
      told: 'Alice',
    },
  ];
  for (const { why, ice, staleAfterMs, told } of refusals) {
    test(`${why}: ${told} is told the relay refused the credentials, and what to do`, async ({
      startServer,
      person,
    }) => {
      const server = await startServer({ ice: ice() });
      const alice = await person('Alice', { server });
      await chooseRelayOnly(alice);
      const room = new URL(await meetInRoom(alice, [])).searchParams.get('room')!;
      const bob = await person('Bob', { server, query: `room=${room}` });
      await chooseRelayOnly(bob);
      if (staleAfterMs) await bob.waitForTimeout(staleAfterMs);
      await bob.getByRole('button', { name: 'Join', exact: true }).click();
      for (const page of told === 'Alice' ? [alice] : [alice, bob]) {
        const alert = page.getByRole('alert').and(page.locator('[data-error-code="turn_refused"]'));
        await expect(alert).toContainText('The relay (TURN) server refused');
        await expect(alert).toContainText('--turn-secret');
      }
    });
  }
});

// ---- functions run in the page ----

interface RawPair {
  a: RTCPeerConnection;
  b: RTCPeerConnection;
}

/** Alice sends her fake camera to Bob, both relay-only; candidates go straight across. */
async function connectRelayPair({ a, b }: { a: RTCIceServer[]; b: RTCIceServer[] }): Promise<void> {
  const pair: RawPair = {
    a: new RTCPeerConnection({ iceServers: a, iceTransportPolicy: 'relay' }),
    b: new RTCPeerConnection({ iceServers: b, iceTransportPolicy: 'relay' }),
  };
  (window as unknown as { rawPair: RawPair }).rawPair = pair;
  pair.a.onicecandidate = ({ candidate }) => void (candidate && pair.b.addIceCandidate(candidate));
  pair.b.onicecandidate = ({ candidate }) => void (candidate && pair.a.addIceCandidate(candidate));
  const camera = await navigator.mediaDevices.getUserMedia({ video: true });
  for (const track of camera.getTracks()) pair.a.addTrack(track, camera);
  await pair.a.setLocalDescription();
  await pair.b.setRemoteDescription(pair.a.localDescription!);
  await pair.b.setLocalDescription();
  await pair.a.setRemoteDescription(pair.b.localDescription!);
}

async function framesDecoded(): Promise<number> {
  const { rawPair } = window as unknown as { rawPair: RawPair };
  let frames = 0;
  (await rawPair.b.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'video') frames = report.framesDecoded ?? 0;
  });
  return frames;
}

/** The candidate types of each side's selected pair. */
async function selectedPairTypes(): Promise<Record<'a' | 'b', { local?: string; remote?: string }>> {
  const { rawPair } = window as unknown as { rawPair: RawPair };
  const typesOf = async (pc: RTCPeerConnection) => {
    const stats = await pc.getStats();
    const result: { local?: string; remote?: string } = {};
    stats.forEach((report: { type: string; selectedCandidatePairId?: string }) => {
      if (report.type !== 'transport' || !report.selectedCandidatePairId) return;
      const pair = stats.get(report.selectedCandidatePairId);
      result.local = stats.get(pair.localCandidateId)?.candidateType;
      result.remote = stats.get(pair.remoteCandidateId)?.candidateType;
    });
    return result;
  };
  return { a: await typesOf(rawPair.a), b: await typesOf(rawPair.b) };
}

/** Gathers relay-only until gathering completes: the candidates found and the TURN errors reported. */
async function gatherRelay(iceServers: RTCIceServer[]): Promise<{
  candidates: string[];
  errors: { errorCode: number; url: string }[];
}> {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const candidates: string[] = [];
  const errors: { errorCode: number; url: string }[] = [];
  pc.onicecandidate = ({ candidate }) => void (candidate?.candidate && candidates.push(candidate.candidate));
  pc.onicecandidateerror = (event) => void errors.push({ errorCode: event.errorCode, url: event.url });
  const complete = new Promise<void>((resolve) => {
    pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
  });
  pc.createDataChannel('probe');
  await pc.setLocalDescription();
  await complete;
  pc.close();
  return { candidates, errors };
}

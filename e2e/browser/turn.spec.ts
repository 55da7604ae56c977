/**
 * TURN through a real coturn on loopback. First coturn alone with two raw
 * RTCPeerConnections (proves the harness and records exactly what Chromium
 * reports on bad credentials), then Parley itself, both peers forced to relay.
 */
import { test, expect } from '@playwright/test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { IceServer } from '../../src/shared/protocol';
import { iceServersFor } from '../../src/server/turn-credentials';
import { Coturn, coturnUnavailable } from '../support/coturn';

let coturn: Coturn;
let browser: Browser;

test.beforeAll(async () => {
  const unavailable = coturnUnavailable();
  test.skip(unavailable !== undefined, unavailable);
  coturn = await Coturn.start();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await coturn?.dispose();
});

/** REST credentials for `peerId` from `secret`, valid for `ttlSeconds` (negative: already expired). */
function turnServers(peerId: string, { secret = coturn.secret, ttlSeconds = 600 } = {}): IceServer[] {
  return iceServersFor({ stunUrls: [], turnUrls: [coturn.url], turnSecret: secret, turnTtlSeconds: ttlSeconds }, peerId);
}

test.describe('coturn on loopback, raw WebRTC', () => {
  let page: Page;

  test.beforeEach(async () => {
    page = await browser.newPage();
    // getUserMedia needs a secure context: http://localhost is one, and this page never leaves the browser.
    await page.route('http://localhost/', (route) => route.fulfill({ body: '<!doctype html>', contentType: 'text/html' }));
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
    for (const iceServers of [turnServers('mallory', { secret: 'wrong' }), turnServers('late', { ttlSeconds: -60 })]) {
      const gathered = await page.evaluate(gatherRelay, iceServers);
      expect(gathered.candidates).toEqual([]);
      expect(gathered.errors).toEqual([{ errorCode: 401, url: coturn.url }]);
    }
  });
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

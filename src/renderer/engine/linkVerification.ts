/**
 * One link's verification: the remote key and the code both people read.
 *
 * The two certificates the DTLS handshake used, as SHA-256 fingerprints: ours
 * from the certificate we gave the connection, theirs from the DTLS transport
 * (Chromium: getRemoteCertificates), checked against the fingerprint their
 * SDP announced. Firefox has no getRemoteCertificates: there the announced
 * fingerprint stands for the certificate, which DTLS itself checked against
 * it before the link connected. The code also takes both ends' committed
 * nonces (nonceExchange.ts).
 */
import type { PeerMessage } from './peerMessages';
import { encodePeerMessage } from './peerMessages';
import type { PeerLink } from './PeerLink';
import { NonceExchange } from './nonceExchange';
import { fingerprintBytes, fingerprintHex, linkCode } from './sas';

/** The sha-256 fingerprint a session description announces. */
function announcedFingerprint(sdp: string): string | null {
  return /^a=fingerprint:sha-256 ([0-9A-Fa-f:]+)\s*$/im.exec(sdp)?.[1]?.toUpperCase() ?? null;
}

/**
 * Chromium may say the connection is connected a task before its DTLS transport has taken the
 * remote certificate (seen under load): wait for the transport's own state.
 */
async function handshakeDone(transport: RTCDtlsTransport): Promise<void> {
  while (transport.state !== 'connected') {
    if (transport.state === 'failed' || transport.state === 'closed')
      throw new Error(`DTLS ${transport.state}`);
    await new Promise((resolve) => transport.addEventListener('statechange', resolve, { once: true }));
  }
}

/** Both fingerprints of a connected link; throws if the certificate used is not the one announced. */
async function linkFingerprints(pc: RTCPeerConnection, certificate: RTCCertificate) {
  const local = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256')?.value;
  const announced = announcedFingerprint(pc.remoteDescription?.sdp ?? '');
  if (!local || !announced) throw new Error('no sha-256 fingerprint for this link');
  const transport = pc.sctp?.transport ?? pc.getReceivers()[0]?.transport;
  if (transport) await handshakeDone(transport);
  if (transport && 'getRemoteCertificates' in transport) {
    const [der] = (transport as { getRemoteCertificates(): ArrayBuffer[] }).getRemoteCertificates();
    if (!der) throw new Error('the DTLS handshake has not finished');
    const used = fingerprintHex(new Uint8Array(await crypto.subtle.digest('SHA-256', der)));
    if (used !== announced) throw new Error(`DTLS used ${used}, the SDP announced ${announced}`);
  }
  return { local: fingerprintBytes(local), remote: fingerprintBytes(announced), announced };
}

interface LinkVerifierOptions {
  link: PeerLink;
  room: string;
  certificate: RTCCertificate;
  /** Called when the fingerprint or the code becomes known. */
  changed(): void;
}

export class LinkVerifier {
  /** The remote certificate's fingerprint ("AB:CD:…") once connected, the key a verification is remembered by. */
  fingerprint: string | 'failed' | null = null;
  /** The code both people read aloud, once the nonces are exchanged. */
  code: string[] | null = null;
  private readonly options: LinkVerifierOptions;
  private readonly exchange: NonceExchange;

  constructor(options: LinkVerifierOptions) {
    this.options = options;
    this.exchange = new NonceExchange((message) => options.link.send(encodePeerMessage(message)));
    void this.exchange.start();
    // An ICE restart connects again with the same certificates: the code is made once.
    options.link.on('state', (state) => {
      if (state === 'connected' && this.fingerprint === null) void this.verify();
    });
  }

  /** A nonce message from the link's data channel. */
  receive(message: Extract<PeerMessage, { t: 'nonce-commit' | 'nonce-reveal' }>): void {
    void this.exchange.receive(message);
  }

  private async verify(): Promise<void> {
    const { link, room, certificate, changed } = this.options;
    try {
      const fingerprints = await linkFingerprints(link.pc, certificate);
      this.fingerprint = fingerprints.announced;
      changed();
      const nonces = await this.exchange.nonces;
      this.code = await linkCode(
        room,
        { fingerprint: fingerprints.local, nonce: nonces.local },
        { fingerprint: fingerprints.remote, nonce: nonces.remote },
      );
    } catch (error) {
      console.warn(`[parley] no code for the link to ${link.remotePeerId}`, error);
      this.fingerprint ??= 'failed';
    }
    changed();
  }
}

/**
 * One link's code, from the two certificates its DTLS handshake used, as
 * SHA-256 fingerprints: ours from the certificate we gave the connection, theirs from
 * the DTLS transport (Chromium: getRemoteCertificates), checked against the
 * fingerprint their SDP announced. Firefox has no getRemoteCertificates: there
 * the announced fingerprint stands for the certificate, which DTLS itself
 * checked against it before the link connected.
 */
import { fingerprintBytes, fingerprintHex, linkCode } from './sas';

export interface LinkVerification {
  /** The code both people read aloud. */
  code: string[];
  /** The remote certificate's fingerprint ("AB:CD:…"): the key a verification is remembered by. */
  fingerprint: string;
}

/** The sha-256 fingerprint a session description announces. */
function announcedFingerprint(sdp: string): string | null {
  return /^a=fingerprint:sha-256 ([0-9A-Fa-f:]+)\s*$/im.exec(sdp)?.[1]?.toUpperCase() ?? null;
}

/** The code of a connected link in `room`; throws if the certificate used is not the one announced. */
export async function verifyLink(
  pc: RTCPeerConnection,
  certificate: RTCCertificate,
  room: string,
): Promise<LinkVerification> {
  const local = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256')?.value;
  const announced = announcedFingerprint(pc.remoteDescription?.sdp ?? '');
  if (!local || !announced) throw new Error('no sha-256 fingerprint for this link');
  const transport = pc.sctp?.transport ?? pc.getReceivers()[0]?.transport;
  if (transport && 'getRemoteCertificates' in transport) {
    const [der] = (transport as { getRemoteCertificates(): ArrayBuffer[] }).getRemoteCertificates();
    if (!der) throw new Error('the DTLS handshake has not finished');
    const used = fingerprintHex(new Uint8Array(await crypto.subtle.digest('SHA-256', der)));
    if (used !== announced) throw new Error(`DTLS used ${used}, the SDP announced ${announced}`);
  }
  return {
    code: await linkCode(room, fingerprintBytes(local), fingerprintBytes(announced)),
    fingerprint: announced,
  };
}

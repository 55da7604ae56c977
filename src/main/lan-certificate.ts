/**
 * The certificate the embedded server uses in "allow people on my network"
 * mode, so guests' browsers get https (a secure context: camera and
 * microphone work). Created once and kept in the profile, so its
 * fingerprint, which the host can read out to guests, stays the same; made
 * anew only when the LAN address changes or it nears its end.
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createSelfSignedCertificate } from './self-signed-certificate';
import { writeAtomically } from './settings-store';

export interface LanCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, "AB:CD:…", as browsers show it. */
  fingerprint: string;
}

/** Browsers accept at most 398 days for certificates they check; stay under. */
const VALID_DAYS = 397;
const RENEW_BEFORE_MS = 30 * 86_400_000;

/** The kept certificate for `address` in `folder`, or a new one (then kept). */
export async function lanCertificate(
  folder: string,
  address: string,
  now = new Date(),
): Promise<LanCertificate> {
  const certFile = join(folder, 'lan-cert.pem');
  const keyFile = join(folder, 'lan-key.pem');
  const kept = await readPair(certFile, keyFile);
  if (kept && fits(kept.cert, address, now)) return withFingerprint(kept);
  const fresh = createSelfSignedCertificate(`Parley on ${hostname()}`, [address], VALID_DAYS, now);
  await mkdir(folder, { recursive: true });
  await writeAtomically(keyFile, fresh.key);
  await writeAtomically(certFile, fresh.cert);
  return withFingerprint(fresh);
}

async function readPair(certFile: string, keyFile: string): Promise<{ cert: string; key: string } | null> {
  try {
    return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8') };
  } catch {
    return null;
  }
}

function fits(cert: string, address: string, now: Date): boolean {
  try {
    const parsed = new X509Certificate(cert);
    return (
      parsed.checkIP(address) !== undefined &&
      new Date(parsed.validFrom) <= now &&
      new Date(parsed.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS
    );
  } catch {
    return false; // unreadable: make a new one
  }
}

function withFingerprint(pair: { cert: string; key: string }): LanCertificate {
  return { ...pair, fingerprint: new X509Certificate(pair.cert).fingerprint256 };
}

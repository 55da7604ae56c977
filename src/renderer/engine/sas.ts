/**
 * The short authentication string (SAS) of one link: both ends hash the two
 * DTLS certificates the handshake used into a few emoji, so two people who
 * read them aloud and hear the same know no one sits between them. Derivation
 * (docs/security.md): HKDF-SHA-256 over each end's certificate fingerprint
 * and committed nonce, in byte order, salted with the room id; 42 bits shown
 * as 7 emoji of 64.
 */

/** 64 emoji that are easy to tell apart and to name, in any language; one code point each. */
export const SAS_EMOJI = [
  '🐶', '🐱', '🦁', '🐴', '🦄', '🐷', '🐘', '🐰',
  '🐼', '🐓', '🐧', '🐢', '🐟', '🐙', '🦋', '🌷',
  '🌳', '🌵', '🍄', '🌏', '🌙', '🔥', '🍌', '🍎',
  '🍓', '🌽', '🍕', '🎂', '🍇', '😀', '🤖', '🎩',
  '👓', '🔧', '🔑', '🔨', '📌', '📎', '🔒', '🎸',
  '🎺', '🏆', '⚽', '🚲', '🚗', '🚀', '⚓', '🌈',
  '⭐', '⏰', '🎁', '💡', '📕', '🔔', '🎈', '🧦',
  '🍪', '🥕', '🐝', '🦀', '🐸', '🐳', '🦒', '🏠',
] as const; // prettier-ignore

const SAS_LENGTH = 7;
const BITS_PER_EMOJI = 6;
const INFO = new TextEncoder().encode('parley-sas-v1');

/** Bytes of an SDP-style fingerprint ("AB:CD:…"). */
export function fingerprintBytes(hex: string): Uint8Array<ArrayBuffer> {
  const pairs = hex.trim().split(':');
  if (pairs.some((pair) => !/^[0-9a-fA-F]{2}$/.test(pair))) throw new Error(`not a fingerprint: ${hex}`);
  return Uint8Array.from(pairs, (pair) => parseInt(pair, 16));
}

/** The SDP-style fingerprint ("AB:CD:…") of some bytes. */
export function fingerprintHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** Unsigned byte-wise order, so both ends put the two fingerprints in the same order. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** One end of a link: its certificate's SHA-256 fingerprint and its nonce (nonceExchange.ts). */
export interface LinkEnd {
  fingerprint: Uint8Array;
  nonce: Uint8Array;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  parts.reduce((offset, part) => (joined.set(part, offset), offset + part.length), 0);
  return joined;
}

/** The link's code: the same on both ends exactly when each saw the other's certificate and nonce. */
export async function linkCode(room: string, local: LinkEnd, remote: LinkEnd): Promise<string[]> {
  const [a, b] = [concat(local.fingerprint, local.nonce), concat(remote.fingerprint, remote.nonce)];
  const ikm = compareBytes(a, b) <= 0 ? concat(a, b) : concat(b, a);
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode(room), info: INFO },
    key,
    48,
  );
  // The first 42 of the 48 bits, 6 at a time, most significant first.
  let value = 0n;
  for (const byte of new Uint8Array(bits)) value = (value << 8n) | BigInt(byte);
  return Array.from({ length: SAS_LENGTH }, (_, i) => {
    const shift = BigInt(48 - BITS_PER_EMOJI * (i + 1));
    return SAS_EMOJI[Number((value >> shift) & 63n)]!;
  });
}

import { describe, expect, it } from 'vitest';
import { fingerprintBytes, fingerprintHex, linkCode, SAS_EMOJI, type LinkEnd } from './sas';

// Known answers computed apart from this code (Python's hmac, RFC 5869 by hand); docs/security.md lists them.
const bytes = (from: number, length: number) => Uint8Array.from({ length }, (_, i) => from + i);
const withLast = (array: Uint8Array, last: number) =>
  Uint8Array.from(array, (v, i) => (i === array.length - 1 ? last : v));
const A: LinkEnd = { fingerprint: bytes(0x00, 32), nonce: bytes(0xa0, 16) };
const B: LinkEnd = { fingerprint: bytes(0x20, 32), nonce: bytes(0xb0, 16) };
const code = async (room: string, local: LinkEnd, remote: LinkEnd) =>
  (await linkCode(room, local, remote)).join(' ');

describe('linkCode', () => {
  it('matches the known-answer vectors', async () => {
    expect(await code('room-1', A, B)).toBe('🐘 🐟 💡 🍪 🍪 😀 🌽');
    expect(await code('room-2', A, B)).toBe('🐟 🎺 🐼 🌳 🐳 🍄 ⭐');
    expect(await code('room-1', A, { ...B, fingerprint: withLast(B.fingerprint, 0x40) })).toBe(
      '🎸 🐶 😀 🌈 🐷 🦒 🔧',
    );
    expect(await code('room-1', A, { ...B, nonce: withLast(B.nonce, 0xc0) })).toBe('🐰 ⭐ 🤖 ⚓ 🧦 🍎 🌙');
  });

  it('is the same from either end', async () => {
    expect(await code('room-1', B, A)).toBe(await code('room-1', A, B));
  });

  it('uses 64 distinct single-code-point emoji', () => {
    expect(new Set(SAS_EMOJI).size).toBe(64);
    for (const emoji of SAS_EMOJI) expect([...emoji]).toHaveLength(1);
  });
});

describe('fingerprints', () => {
  it('round-trips the SDP form and refuses anything else', () => {
    expect(fingerprintHex(fingerprintBytes('0a:FF:10'))).toBe('0A:FF:10');
    expect(() => fingerprintBytes('0a:F')).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { fingerprintBytes, fingerprintHex, linkCode, SAS_EMOJI } from './sas';

// Known answers computed apart from this code (Python's hmac, RFC 5869 by hand); docs/security.md lists them.
const A = Uint8Array.from({ length: 32 }, (_, i) => i); // 00 01 … 1f
const B = Uint8Array.from({ length: 32 }, (_, i) => 0x20 + i); // 20 21 … 3f
const B2 = Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 0x40 : 0x20 + i)); // B, last byte 40

describe('linkCode', () => {
  it('matches the known-answer vectors', async () => {
    expect((await linkCode('room-1', A, B)).join('')).toBe('🎈🐧🍇🐧⚓🐢🎂');
    expect((await linkCode('room-2', A, B)).join('')).toBe('🐧🐶🐴🐳🎁⭐🔔');
    expect((await linkCode('room-1', A, B2)).join('')).toBe('🎸🍎🐟🌽🐰🐰🐼');
  });

  it('is the same from either end', async () => {
    expect(await linkCode('room-1', B, A)).toEqual(await linkCode('room-1', A, B));
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

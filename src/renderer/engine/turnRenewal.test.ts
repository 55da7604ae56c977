import { describe, expect, it } from 'vitest';
import { credentialExpiryMs, MIN_RENEWAL_DELAY_MS, renewalDelayMs } from './turnRenewal';

const NOW = 1_700_000_000_000;
const turn = (expirySeconds: number, peerId = 'alice') => ({
  urls: 'turn:127.0.0.1:3478',
  username: `${expirySeconds}:${peerId}`,
  credential: 'x',
});
const stun = { urls: 'stun:127.0.0.1:3478' };

describe('credentialExpiryMs', () => {
  it('reads the Unix-seconds expiry before the colon of a TURN REST username', () => {
    expect(credentialExpiryMs([stun, turn(1_700_003_600)])).toBe(1_700_003_600_000);
  });

  it('takes the earliest of several TURN entries', () => {
    expect(credentialExpiryMs([turn(1_700_009_000), turn(1_700_003_600)])).toBe(1_700_003_600_000);
  });

  it('is null for STUN only, or usernames that are not TURN REST ones', () => {
    expect(credentialExpiryMs([stun])).toBeNull();
    expect(credentialExpiryMs([{ urls: 'turn:x', username: 'static-user', credential: 'y' }])).toBeNull();
  });
});

describe('renewalDelayMs', () => {
  it('renews when half of the lifetime is left: a 1 h credential after 30 min', () => {
    expect(renewalDelayMs([turn(1_700_003_600)], NOW)).toBe(1_800_000);
  });

  it('never renews sooner than the floor, even for tiny or already expired lifetimes', () => {
    expect(renewalDelayMs([turn(1_700_000_001)], NOW)).toBe(MIN_RENEWAL_DELAY_MS);
    expect(renewalDelayMs([turn(1_699_999_000)], NOW)).toBe(MIN_RENEWAL_DELAY_MS);
    expect(renewalDelayMs([turn(1_700_000_001)], NOW, 100)).toBe(500);
  });

  it('stays within what setTimeout can wait for very long lifetimes', () => {
    expect(renewalDelayMs([turn(1_800_000_000)], NOW)).toBe(2 ** 31 - 1);
  });

  it('is null when nothing expires', () => {
    expect(renewalDelayMs([stun], NOW)).toBeNull();
  });
});

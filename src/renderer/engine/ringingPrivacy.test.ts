import { describe, expect, it } from 'vitest';
import { offersRelay, relayWhileRinging } from './ringingPrivacy';

const turn = { urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1:a', credential: 'c' };
const stun = { urls: 'stun:127.0.0.1:3478' };

describe('ringing privacy', () => {
  it('hides behind a relay only when there is one', () => {
    expect(offersRelay([stun, turn])).toBe(true);
    expect(offersRelay([stun])).toBe(false);
    expect(offersRelay([{ urls: 'turn:127.0.0.1:3478' }])).toBe(false); // no credential: no relay
    expect(relayWhileRinging(true, [stun, turn])).toBe(true);
    expect(relayWhileRinging(true, [stun])).toBe(false);
    expect(relayWhileRinging(false, [stun, turn])).toBe(false);
  });
});

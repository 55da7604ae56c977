import { describe, expect, it } from 'vitest';
import { activeSpeaker, wantsMiniWindow } from './policy';

describe('wantsMiniWindow', () => {
  it('opens while sharing or while the main window is away, never with the setting off', () => {
    expect(wantsMiniWindow({ auto: true, sharing: false, mainAway: false })).toBe(false);
    expect(wantsMiniWindow({ auto: true, sharing: true, mainAway: false })).toBe(true);
    expect(wantsMiniWindow({ auto: true, sharing: false, mainAway: true })).toBe(true);
    expect(wantsMiniWindow({ auto: false, sharing: true, mainAway: true })).toBe(false);
  });
});

describe('activeSpeaker', () => {
  const people = [{ peerId: 'a' }, { peerId: 'b' }];
  it('shows the loudest, else the first person', () => {
    expect(activeSpeaker(people, 'b')).toEqual({ peerId: 'b' });
    expect(activeSpeaker(people, null)).toEqual({ peerId: 'a' });
    expect(activeSpeaker(people, 'gone')).toEqual({ peerId: 'a' });
    expect(activeSpeaker([], 'a')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { FakeSession } from './fake-session.test-support';
import { startMutedForPushToTalk } from './push-to-talk';

describe('startMutedForPushToTalk', () => {
  it('mutes at start with push-to-talk, and leaves the mic alone without it', () => {
    const withPtt = new FakeSession();
    const settings = defaultSettings();
    startMutedForPushToTalk(withPtt, { ...settings, shortcuts: { ...settings.shortcuts, pushToTalk: true } });
    expect(withPtt.calls).toEqual(['setMicMuted true']);
    const without = new FakeSession();
    startMutedForPushToTalk(without, settings);
    expect(without.calls).toEqual([]);
  });
});

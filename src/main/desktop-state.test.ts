import { describe, expect, it } from 'vitest';
import { DeepLinkInbox, DesktopState, IDLE_CALL } from './desktop-state';

describe('DesktopState', () => {
  it('tells watchers the new and the previous snapshot', () => {
    const state = new DesktopState({ state: 'failed', message: 'not yet' });
    const seen: [string, string][] = [];
    state.onChange((now, before) => seen.push([before.call.phase, now.call.phase]));
    state.update({ call: { ...IDLE_CALL, phase: 'in-call', roomId: 'r' } });
    expect(seen).toEqual([['idle', 'in-call']]);
    expect(state.snapshot.server).toEqual({ state: 'failed', message: 'not yet' });
  });
});

describe('DeepLinkInbox', () => {
  it('keeps the launch link until the page asks, then delivers live', () => {
    const delivered: string[] = [];
    const inbox = new DeepLinkInbox<string>((link) => delivered.push(link));
    inbox.push('first');
    inbox.push('second');
    expect(delivered).toEqual([]);
    expect(inbox.take()).toBe('second');
    expect(inbox.take()).toBeNull();
    inbox.push('third');
    expect(delivered).toEqual(['third']);
  });

  it('holds links again across a reload', () => {
    const delivered: string[] = [];
    const inbox = new DeepLinkInbox<string>((link) => delivered.push(link));
    inbox.take();
    inbox.pageReloaded();
    inbox.push('during reload');
    expect(delivered).toEqual([]);
    expect(inbox.take()).toBe('during reload');
  });
});

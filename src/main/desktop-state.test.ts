import { describe, expect, it } from 'vitest';
import { DesktopState, IDLE_CALL, PageInbox } from './desktop-state';

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

describe('PageInbox', () => {
  it('keeps the launch link until the page asks, then delivers live', () => {
    const delivered: string[] = [];
    const inbox = new PageInbox<string>((link) => delivered.push(link), 'latest');
    inbox.push('first');
    inbox.push('second');
    expect(delivered).toEqual([]);
    expect(inbox.take()).toEqual(['second']);
    expect(inbox.take()).toEqual([]);
    inbox.push('third');
    expect(delivered).toEqual(['third']);
  });

  it('keeps every notice when asked to', () => {
    const inbox = new PageInbox<string>(() => undefined, 'all');
    inbox.push('a');
    inbox.push('b');
    expect(inbox.take()).toEqual(['a', 'b']);
  });

  it('holds items again across a reload', () => {
    const delivered: string[] = [];
    const inbox = new PageInbox<string>((link) => delivered.push(link), 'latest');
    inbox.take();
    inbox.pageReloaded();
    inbox.push('during reload');
    expect(delivered).toEqual([]);
    expect(inbox.take()).toEqual(['during reload']);
  });
});

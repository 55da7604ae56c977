import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WindowSlot, type SlotWindow } from './window-slot';

/** Behaves like a BrowserWindow where it matters: once destroyed, every method throws. */
class FakeWindow extends EventEmitter implements SlotWindow {
  static opened = 0;
  readonly id = ++FakeWindow.opened;
  destroyed = false;
  readonly sent: [string, unknown][] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (channel: string, payload: unknown) => {
      this.alive();
      this.sent.push([channel, payload]);
    },
  });
  isDestroyed = () => this.destroyed;
  isFocused = () => this.alive();
  isMinimized = () => !this.alive();
  restore = () => void this.alive();
  show = () => void this.alive();
  focus = () => void this.alive();
  getMediaSourceId = () => (this.alive(), `window:${this.id}:0`);

  /** The user closed it: Electron destroys it, then emits 'closed'. */
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }

  private alive(): true {
    if (this.destroyed) throw new Error('Object has been destroyed');
    return true;
  }
}

function setup() {
  const windows: FakeWindow[] = [];
  let pageGone = 0;
  const slot = new WindowSlot<FakeWindow>(() => pageGone++);
  const factory = () => {
    const window = new FakeWindow();
    windows.push(window);
    return window;
  };
  return { slot, windows, factory, pageGone: () => pageGone };
}

describe('WindowSlot', () => {
  it('forgets a closed window: no "Object has been destroyed", nothing sent to a dead page', () => {
    const { slot, windows, factory, pageGone } = setup();
    slot.open(factory);
    slot.send('app:deep-link', { roomId: 'r1' });
    windows[0]!.close();
    expect(() => slot.isFocused()).not.toThrow();
    expect(slot.isFocused()).toBe(false);
    expect(slot.mediaSourceIds()).toEqual([]);
    expect(() => slot.send('app:deep-link', { roomId: 'r2' })).not.toThrow();
    expect(windows[0]!.sent).toEqual([['app:deep-link', { roomId: 'r1' }]]);
    expect(pageGone()).toBe(1);
  });

  it('opens a new window when asked to show one after the last closed (macOS dock, links, calls)', () => {
    const { slot, windows, factory } = setup();
    slot.reveal(); // before the app is ready: nothing to open yet
    expect(windows).toHaveLength(0);
    slot.open(factory);
    windows[0]!.close();
    slot.reveal();
    expect(windows).toHaveLength(2);
    slot.send('app:notice', 'hello');
    expect(windows[1]!.sent).toEqual([['app:notice', 'hello']]);
    expect(slot.mediaSourceIds()).toEqual([`window:${windows[1]!.id}:0`]);
  });

  it('tells the page is gone when it reloads too', () => {
    const { slot, windows, factory, pageGone } = setup();
    slot.open(factory);
    windows[0]!.webContents.emit('did-start-loading');
    expect(pageGone()).toBe(1);
  });
});

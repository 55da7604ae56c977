/**
 * The one main window, or none: on macOS the app lives on after its window
 * closes, and a dock click, link or call opens a new one. Everything that
 * reaches the page goes through here, so nothing touches a destroyed window
 * and the page's subscriptions are known to be gone once it closes.
 */
import type { BrowserWindow } from 'electron';

/** The parts of BrowserWindow the slot uses (a fake one in tests). */
export type SlotWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isFocused' | 'isMinimized' | 'restore' | 'show' | 'focus' | 'getMediaSourceId'
> & {
  once(event: 'closed', listener: () => void): unknown;
  webContents: {
    send(channel: string, payload: unknown): void;
    on(event: 'did-start-loading', listener: () => void): unknown;
  };
};

export class WindowSlot<W extends SlotWindow = BrowserWindow> {
  private window: W | null = null;
  private factory: (() => W) | null = null;

  /** @param onPageGone the page reloaded or closed: whatever it subscribed to must wait for it again. */
  constructor(private readonly onPageGone: () => void) {}

  /** From now on the slot can open a window (the app is ready). */
  open(factory: () => W): W {
    this.factory = factory;
    const window = factory();
    this.window = window;
    window.webContents.on('did-start-loading', this.onPageGone);
    window.once('closed', () => {
      if (this.window === window) this.window = null;
      this.onPageGone();
    });
    return window;
  }

  /** Brings the window back from the tray or behind others, or opens a new one once the app is ready. */
  reveal(): void {
    const window = this.live();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    } else if (this.factory) {
      this.open(this.factory);
    }
  }

  /** Sends to the page; dropped while there is none (PageInbox holds what must not be lost). */
  send(channel: string, payload: unknown): void {
    this.live()?.webContents.send(channel, payload);
  }

  isFocused(): boolean {
    return this.live()?.isFocused() ?? false;
  }

  /** Media source ids of Parley's own window, left out of the screen picker. */
  mediaSourceIds(): string[] {
    const window = this.live();
    return window ? [window.getMediaSourceId()] : [];
  }

  private live(): W | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }
}

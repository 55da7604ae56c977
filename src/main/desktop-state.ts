/**
 * What main knows about the renderer's world (devices, call, incoming ring,
 * server): one small store that the tray, power blocker and notifications
 * watch. Created once in index.ts and passed to whoever needs it.
 */
import type { CallSnapshot, DeviceReport, ServerInfo } from '../shared/ipc';
import type { IncomingCall } from './tray-menu-model';

export interface DesktopSnapshot {
  devices: DeviceReport;
  call: CallSnapshot;
  incoming: IncomingCall | null;
  server: ServerInfo;
}

export const IDLE_CALL: CallSnapshot = { phase: 'idle', micMuted: false, cameraOff: false, sharing: false };

export class DesktopState {
  private current: DesktopSnapshot;
  private readonly listeners = new Set<(snapshot: DesktopSnapshot, previous: DesktopSnapshot) => void>();

  constructor(server: ServerInfo) {
    this.current = { devices: { devices: [], selected: {} }, call: IDLE_CALL, incoming: null, server };
  }

  get snapshot(): DesktopSnapshot {
    return this.current;
  }

  update(patch: Partial<DesktopSnapshot>): void {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    for (const listener of this.listeners) listener(this.current, previous);
  }

  onChange(listener: (snapshot: DesktopSnapshot, previous: DesktopSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Things for the page that can arrive before it listens (the deep link that
 * launched the app, a notice at start). They wait here until the page takes
 * them; after that they are delivered live. `keep: 'latest'` holds only the
 * newest (a second link replaces the first), 'all' holds every one.
 */
export class PageInbox<T> {
  private pending: T[] = [];
  private pageListening = false;

  constructor(
    private readonly deliver: (item: T) => void,
    private readonly keep: 'latest' | 'all',
  ) {}

  push(item: T): void {
    if (this.pageListening) this.deliver(item);
    else this.pending = this.keep === 'latest' ? [item] : [...this.pending, item];
  }

  /** The page is listening now: hand over what waited. */
  take(): T[] {
    this.pageListening = true;
    const items = this.pending;
    this.pending = [];
    return items;
  }

  /** The page reloaded: hold items again until it asks. */
  pageReloaded(): void {
    this.pageListening = false;
  }
}

/** Resolves once the call is over (the page published an idle phase), or after `limitMs`. */
export function whenCallEnded(state: DesktopState, limitMs: number): Promise<void> {
  if (state.snapshot.call.phase === 'idle') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(finish, limitMs);
    const unsubscribe = state.onChange(({ call }) => {
      if (call.phase === 'idle') finish();
    });
    function finish() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

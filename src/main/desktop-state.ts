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
 * Deep links can arrive before the page listens (the link that launched the
 * app). Until the page asks for the pending one, the latest link waits here.
 */
export class DeepLinkInbox<T> {
  private pending: T | null = null;
  private pageListening = false;

  constructor(private readonly deliver: (link: T) => void) {}

  push(link: T): void {
    if (this.pageListening) this.deliver(link);
    else this.pending = link;
  }

  /** The page is listening now: hand over what waited. */
  take(): T | null {
    this.pageListening = true;
    const link = this.pending;
    this.pending = null;
    return link;
  }

  /** The page reloaded: hold links again until it asks. */
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

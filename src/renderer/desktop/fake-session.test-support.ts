/** A stand-in CallSession for the bridge's tests: a snapshot the test sets, and a log of calls. */
import type { SessionSnapshot } from '../engine/CallSession';
import type { DesktopSession } from './session-port';

export const baseSnapshot: SessionSnapshot = {
  connection: { state: 'open', peerId: 'me', resumed: false },
  selfId: 'me',
  name: 'Ada',
  phase: 'idle',
  room: null,
  inviteLink: null,
  locked: false,
  createdRoom: false,
  call: null,
  ended: null,
  participants: [],
  online: [],
  chat: [],
  micMuted: false,
  cameraOff: false,
  sharing: false,
  hasAudio: true,
  hasVideo: true,
  devices: [],
  selected: { audioinput: null, videoinput: null, audiooutput: null },
  processing: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  effects: { noiseSuppression: false, backgroundBlur: false },
  preset: 'high',
  mediaError: null,
  error: null,
  forceRelay: false,
  hideAddressWhileRinging: true,
};

export class FakeSession implements DesktopSession {
  snapshot: SessionSnapshot = baseSnapshot;
  readonly calls: string[] = [];
  private readonly listeners = new Set<(snapshot: SessionSnapshot) => void>();

  set(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener(this.snapshot);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  on: DesktopSession['on'] = ((event: string, listener: (snapshot: SessionSnapshot) => void) => {
    if (event !== 'change') throw new Error(`the bridge should only need "change", not "${event}"`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }) as DesktopSession['on'];

  selectDevice = async (kind: string, deviceId: string) => {
    this.calls.push(`selectDevice ${kind} ${deviceId}`);
  };
  setMicMuted = (muted: boolean) => void this.calls.push(`setMicMuted ${muted}`);
  setCameraOff = (off: boolean) => void this.calls.push(`setCameraOff ${off}`);
  startScreenShare = async () => void this.calls.push('startScreenShare');
  stopScreenShare = () => void this.calls.push('stopScreenShare');
  leave = () => void this.calls.push('leave');
  accept = () => void this.calls.push('accept');
  decline = () => void this.calls.push('decline');
  joinRoom = (room?: string) => void this.calls.push(`joinRoom ${room}`);
  readonly media = {
    setPreset: (preset: string) => void this.calls.push(`setPreset ${preset}`),
    // Like LocalMedia: the snapshot shows the change.
    setEffects: async (change: Partial<SessionSnapshot['effects']>) => {
      this.calls.push(`setEffects ${JSON.stringify(change)}`);
      this.set({ effects: { ...this.snapshot.effects, ...change } });
    },
  };
  setForceRelay = (on: boolean) => {
    this.calls.push(`setForceRelay ${on}`);
    this.set({ forceRelay: on });
  };
}

/**
 * Puts back the devices the user picked last time (remembered by main in
 * settings), once per kind, as soon as that kind's devices are known. After
 * that the user's own picks rule.
 */
import type { DeviceChoice, DeviceKind } from '../../shared/settings';
import type { SessionSnapshot } from '../engine/CallSession';
import type { DesktopSession } from './session-port';

export function restoreDevices(session: DesktopSession, saved: DeviceChoice): () => void {
  const pending = new Set((Object.keys(saved) as DeviceKind[]).filter((kind) => saved[kind]));
  const check = (snapshot: SessionSnapshot) => {
    for (const kind of [...pending]) {
      const known = snapshot.devices.filter((device) => device.kind === kind);
      if (known.length === 0) continue;
      pending.delete(kind);
      const wanted = saved[kind]!;
      // An unplugged device stays remembered in settings but is not forced.
      if (snapshot.selected[kind] !== wanted && known.some((device) => device.deviceId === wanted)) {
        void session.selectDevice(kind, wanted);
      }
    }
    if (pending.size === 0) unsubscribe();
  };
  const unsubscribe = session.on('change', check);
  check(session.snapshot);
  return unsubscribe;
}

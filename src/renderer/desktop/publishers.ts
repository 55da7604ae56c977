/**
 * Keeps main informed: the device list with the devices in use (for the
 * tray's menus) and the call state (tray icon, power, notifications). Each
 * is sent only when it changed.
 */
import type { CallSnapshot, DeviceReport, ParleyApi } from '../../shared/ipc';
import type { SessionSnapshot } from '../engine/CallSession';
import type { DesktopSession } from './session-port';

/** The tray's view of the devices: every device and the chosen one per kind. */
export function deviceReportOf(snapshot: SessionSnapshot): DeviceReport {
  const selected: DeviceReport['selected'] = {};
  for (const kind of ['audioinput', 'videoinput', 'audiooutput'] as const) {
    const id = snapshot.selected[kind];
    if (id) selected[kind] = id;
  }
  return {
    devices: snapshot.devices.map(({ deviceId, kind, label }) => ({ deviceId, kind, label })),
    selected,
  };
}

/** The tray's view of the call: ringing covers joining, calling and being called. */
export function callSnapshotOf(snapshot: SessionSnapshot): CallSnapshot {
  const phase = snapshot.phase === 'in-call' ? 'in-call' : snapshot.phase === 'idle' ? 'idle' : 'ringing';
  return {
    phase,
    ...(snapshot.room ? { roomId: snapshot.room } : {}),
    micMuted: snapshot.micMuted,
    cameraOff: snapshot.cameraOff,
    sharing: snapshot.sharing,
  };
}

/** Publishes the device report and call snapshot now and on every change; returns the unsubscribe. */
export function publishToMain(
  session: DesktopSession,
  api: Pick<ParleyApi, 'devices' | 'call'>,
  onError: (error: unknown) => void,
): () => void {
  let lastDevices = '';
  let lastCall = '';
  const publish = (snapshot: SessionSnapshot) => {
    const devices = deviceReportOf(snapshot);
    const devicesKey = JSON.stringify(devices);
    if (devicesKey !== lastDevices) {
      lastDevices = devicesKey;
      api.devices.publish(devices).catch(onError);
    }
    const call = callSnapshotOf(snapshot);
    const callKey = JSON.stringify(call);
    if (callKey !== lastCall) {
      lastCall = callKey;
      api.call.publishState(call).catch(onError);
    }
  };
  publish(session.snapshot);
  return session.on('change', publish);
}

/** Carries out what the user asked for in the tray, a notification or a global shortcut. */
import type { CallCommand, ParleyApi } from '../../shared/ipc';
import type { DesktopSession } from './session-port';

/** Applies one command to the session. */
export function applyCommand(session: DesktopSession, command: CallCommand): void {
  const snapshot = session.snapshot;
  switch (command.type) {
    case 'select-device':
      void session.selectDevice(command.kind, command.deviceId);
      return;
    case 'set-mic-muted':
      return session.setMicMuted(command.muted);
    case 'toggle-mic':
      return session.setMicMuted(!snapshot.micMuted);
    case 'set-camera-off':
      return session.setCameraOff(command.off);
    case 'set-effect':
      void session.media.setEffects({ [command.effect]: command.on });
      return;
    case 'start-screen-share':
      if (!snapshot.sharing) void session.startScreenShare();
      return;
    case 'stop-screen-share':
      return session.stopScreenShare();
    case 'leave':
      if (snapshot.phase !== 'idle') session.leave();
      return;
    case 'answer-call':
      // Only the call that is ringing now: a late click on an old notification does nothing.
      if (snapshot.phase !== 'incoming' || snapshot.call?.callId !== command.callId) return;
      if (command.accept) session.accept();
      else session.decline();
      return;
  }
}

export function handleCommands(session: DesktopSession, api: Pick<ParleyApi, 'call'>): () => void {
  return api.call.onCommand((command) => applyCommand(session, command));
}

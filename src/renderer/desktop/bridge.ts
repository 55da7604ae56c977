/**
 * The renderer half of the desktop bridge, in one place for the app's entry:
 *
 *   const desktop = window.parley ? createDesktopBridge(window.parley) : null;
 *   const session = new CallSession({
 *     connect: desktop?.connect ?? browserConnect,
 *     inviteLink: desktop?.inviteLink ?? browserInviteLink, ... });
 *   desktop?.attach(session);
 *
 * attach() publishes devices and call state to main (tray), carries out
 * tray / notification / shortcut commands, restores remembered devices, starts muted with push-to-talk,
 * applies and saves "Relay only", applies the saved quality preset, keeps the effects in step with settings, follows parley:// links (asking first), asks macOS for camera/microphone access, and
 * mounts the screen picker and main's notices.
 */
import { inviteUrlFor, type ParleyApi, type ServerInfo } from '../../shared/ipc';
import type { SignalingTransport } from '../../shared/transport';
import { detectLanguage } from '../i18n';
import { IpcSignalingTransport } from '../transport/ipc';
import { handleCommands } from './commands';
import { followDeepLinks } from './deep-links';
import { createJoinPrompts } from './join-prompt';
import { syncForceRelay } from './force-relay';
import { mountDesktopOverlay } from './mount-overlay';
import { publishToMain } from './publishers';
import { startMutedForPushToTalk } from './push-to-talk';
import { followQualityPreset } from './quality-preset';
import { restoreDevices } from './restore-devices';
import { syncEffects } from './effects';
import type { DesktopSession } from './session-port';

export interface DesktopBridge {
  /** CallSessionOptions.connect: main holds the socket. */
  connect(name: string): SignalingTransport;
  /** CallSessionOptions.inviteLink: the embedded (or remote) server's address, not the app:// page. */
  inviteLink(room: string): string;
  /** Binds the session to the tray, commands, deep links and the screen picker; returns the undo. */
  attach(session: DesktopSession): () => void;
}

export function createDesktopBridge(parley: ParleyApi): DesktopBridge {
  const report = (error: unknown) => console.error('Parley desktop bridge:', error);
  // Known within milliseconds of start, long before anyone creates a room.
  let server: ServerInfo = { state: 'failed', message: 'not known yet' };
  let heard = false;
  parley.server.onInfo((info) => {
    heard = true;
    server = info;
  });
  parley.server.getInfo().then((info) => {
    if (!heard) server = info;
  }, report);

  return {
    connect: (name) => new IpcSignalingTransport(parley.signaling, name),
    inviteLink: (room) => inviteUrlFor(server, room) ?? '',
    attach(session) {
      const joinPrompts = createJoinPrompts();
      const undo = [
        publishToMain(session, parley, report),
        handleCommands(session, parley),
        followDeepLinks(session, parley, joinPrompts, report),
        mountDesktopOverlay(parley, detectLanguage(), joinPrompts),
      ];
      parley.settings
        .get()
        .then((settings) => {
          startMutedForPushToTalk(session, settings);
          undo.push(
            restoreDevices(session, settings.devices),
            syncForceRelay(session, parley.settings, settings.forceRelay, report),
            followQualityPreset(session.media, parley.settings, settings.qualityPreset),
            syncEffects(session, parley.settings, settings.effects, report),
          );
        })
        .catch(report);
      askForMediaAccess(parley.app).catch(report);
      return () => {
        for (const step of undo.splice(0)) step();
      };
    },
  };
}

/** macOS asks once per app for camera and microphone; elsewhere the answer is always 'granted'. */
async function askForMediaAccess(app: ParleyApi['app']): Promise<void> {
  const { mediaAccess } = await app.getInfo();
  for (const kind of ['camera', 'microphone'] as const) {
    if (mediaAccess[kind] === 'not-determined') await app.requestMediaAccess(kind);
  }
}

/**
 * parley://join/<room>?server=<ws url> opened while (or to launch) the app:
 * once the user agrees (a link is anyone's to send), join that room, first
 * visiting the link's server when it names another. The visit is never
 * saved: the settings keep the user's own server.
 */
import type { DeepLinkTarget, ParleyApi } from '../../shared/ipc';
import type { SessionSnapshot } from '../engine/CallSession';
import type { JoinPrompts } from './join-prompt';
import type { DesktopSession } from './session-port';

type Api = Pick<ParleyApi, 'app' | 'server'>;

export function followDeepLinks(
  session: DesktopSession,
  api: Api,
  prompts: Pick<JoinPrompts, 'ask'>,
  onError: (error: unknown) => void,
): () => void {
  let waiting: (() => void) | null = null;

  /** Joins once connected; after a server change, only once the connection has dropped and come back. */
  const joinWhenConnected = (roomId: string, serverChanged: boolean) => {
    waiting?.();
    let reconnected = !serverChanged;
    const tryJoin = (snapshot: SessionSnapshot) => {
      if (snapshot.connection.state !== 'open') reconnected = true;
      if (!reconnected || snapshot.connection.state !== 'open' || snapshot.phase !== 'idle') return false;
      session.joinRoom(roomId);
      return true;
    };
    if (tryJoin(session.snapshot)) return;
    const off = session.on('change', (snapshot) => {
      if (tryJoin(snapshot)) stop();
    });
    const stop = () => {
      off();
      waiting = null;
    };
    waiting = stop;
  };

  const follow = async (link: DeepLinkTarget) => {
    // Someone in a call is not pulled out of it by a link.
    if (session.snapshot.phase !== 'idle') return;
    const server = await api.server.getInfo();
    const otherServer =
      link.serverUrl && (server.state !== 'ready' || server.wsUrl !== link.serverUrl) ? link.serverUrl : null;
    const answer = await prompts.ask({ roomId: link.roomId, serverUrl: otherServer });
    if (!answer || session.snapshot.phase !== 'idle') return;
    if (!answer.camera) session.setCameraOff(true);
    if (!answer.microphone) session.setMicMuted(true);
    if (otherServer) await api.server.visit(otherServer);
    joinWhenConnected(link.roomId, otherServer !== null);
  };

  const unsubscribe = api.app.onDeepLink((link) => follow(link).catch(onError));
  api.app
    .takeDeepLink()
    .then((link) => (link ? follow(link) : undefined))
    .catch(onError);
  return () => {
    unsubscribe();
    waiting?.();
  };
}

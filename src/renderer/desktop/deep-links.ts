/**
 * parley://join/<room>?server=<ws url> opened while (or to launch) the app:
 * join that room, first moving to the link's server when it names another.
 */
import type { DeepLinkTarget, ParleyApi } from '../../shared/ipc';
import type { SessionSnapshot } from '../engine/CallSession';
import type { DesktopSession } from './session-port';

type Api = Pick<ParleyApi, 'app' | 'server' | 'settings'>;

export function followDeepLinks(
  session: DesktopSession,
  api: Api,
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
    const serverChanged = !!link.serverUrl && (server.state !== 'ready' || server.wsUrl !== link.serverUrl);
    // The link's server becomes this app's server (settings), as if the user had typed it in.
    if (serverChanged) await api.settings.update({ server: { mode: 'remote', url: link.serverUrl! } });
    joinWhenConnected(link.roomId, serverChanged);
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

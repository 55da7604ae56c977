/**
 * The desktop app keeps "Relay only" in its settings file rather than in the
 * page's storage: the saved choice is applied to the session at start, and
 * every change the user makes in the lobby is saved back.
 */
import type { ParleyApi } from '../../shared/ipc';
import type { DesktopSession } from './session-port';

export function syncForceRelay(
  session: DesktopSession,
  settings: ParleyApi['settings'],
  saved: boolean,
  report: (error: unknown) => void,
): () => void {
  let stored = saved;
  session.setForceRelay(saved);
  return session.on('change', ({ forceRelay }) => {
    if (forceRelay === stored) return;
    stored = forceRelay;
    settings.update({ forceRelay }).catch(report);
  });
}

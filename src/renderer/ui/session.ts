/** React access to the one CallSession: context plus a hook that re-renders on every snapshot. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CallSession, SessionSnapshot } from '../engine/CallSession';

export const SessionContext = createContext<CallSession | null>(null);

export function useSession(): CallSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionContext>');
  return session;
}

export function useSnapshot(): SessionSnapshot {
  const session = useSession();
  return useSyncExternalStore(
    (onChange) => session.on('change', onChange),
    () => session.snapshot,
  );
}

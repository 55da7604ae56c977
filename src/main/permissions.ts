/** Wires permission-policy.ts into the session; macOS camera/microphone consent through systemPreferences. */
import { systemPreferences, type Session } from 'electron';
import { isPermissionAllowed } from './permission-policy';

export function applyPermissionPolicy(session: Session, origins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame },
        origins,
      ),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        isMainFrame: details.isMainFrame,
      },
      origins,
    ),
  );
}

export type MediaKind = 'camera' | 'microphone';

/** The OS's answer about camera/microphone access; only macOS asks, elsewhere it is granted. */
export function mediaAccessStatus(kind: MediaKind): string {
  return process.platform === 'darwin' ? systemPreferences.getMediaAccessStatus(kind) : 'granted';
}

/** Asks macOS for access (shows its prompt once); true where the OS does not ask. */
export function requestMediaAccess(kind: MediaKind): Promise<boolean> {
  return process.platform === 'darwin' ? systemPreferences.askForMediaAccess(kind) : Promise.resolve(true);
}

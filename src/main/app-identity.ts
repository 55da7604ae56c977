/**
 * Who this process is to the OS: its profile folder (which also keys the
 * single-instance lock), its Windows AppUserModelID, and whether it owns
 * parley:// links. Development runs get their own of each, so `npm start`
 * neither quits because the installed Parley runs nor takes its links.
 * Pure: index.ts applies the answer before anything reads userData.
 */
import { join } from 'node:path';

/** electron-builder.yml's appId: the installer stamps shortcuts with it (the packaging test checks they match). */
export const APP_ID = 'org.parley.desktop';

export interface AppIdentityInput {
  packaged: boolean;
  /** Electron's appData folder (%APPDATA%, ~/Library/Application Support, ~/.config). */
  appDataDir: string;
  /** PARLEY_USER_DATA_DIR: a throwaway profile for tests. */
  profileOverride: string | undefined;
  /** The running executable: Windows shows a development run's toasts under this id (Electron's advice). */
  execPath: string;
}

export interface AppIdentity {
  userDataDir: string;
  appUserModelId: string;
  /** Only the installed app registers itself for parley:// links. */
  ownsDeepLinks: boolean;
}

export function appIdentity(input: AppIdentityInput): AppIdentity {
  const userDataDir =
    input.profileOverride ?? join(input.appDataDir, input.packaged ? 'Parley' : 'Parley Dev');
  return {
    userDataDir,
    appUserModelId: input.packaged ? APP_ID : input.execPath,
    ownsDeepLinks: input.packaged && input.profileOverride === undefined,
  };
}

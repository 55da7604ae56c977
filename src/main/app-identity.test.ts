import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, appIdentity } from './app-identity';

const appDataDir = join('/home', 'ada', '.config');

describe('appIdentity', () => {
  it('gives the installed app its own profile, the appId and parley:// links', () => {
    expect(appIdentity({ packaged: true, appDataDir, profileOverride: undefined })).toEqual({
      userDataDir: join(appDataDir, 'Parley'),
      appUserModelId: APP_ID,
      ownsDeepLinks: true,
    });
  });

  it('keeps development runs apart: another profile (and lock), another id, no links', () => {
    expect(appIdentity({ packaged: false, appDataDir, profileOverride: undefined })).toEqual({
      userDataDir: join(appDataDir, 'Parley Dev'),
      appUserModelId: `${APP_ID}.dev`,
      ownsDeepLinks: false,
    });
  });

  it('uses a test profile when given one, and then never takes the machine’s links', () => {
    const identity = appIdentity({ packaged: true, appDataDir, profileOverride: '/tmp/p1' });
    expect(identity).toMatchObject({ userDataDir: '/tmp/p1', ownsDeepLinks: false });
  });
});

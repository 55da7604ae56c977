import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, appIdentity } from './app-identity';

const appDataDir = join('/home', 'ada', '.config');
const execPath = join('/opt', 'electron', 'electron');

describe('appIdentity', () => {
  it('gives the installed app its own profile, the appId and parley:// links', () => {
    expect(appIdentity({ packaged: true, appDataDir, profileOverride: undefined, execPath })).toEqual({
      userDataDir: join(appDataDir, 'Parley'),
      appUserModelId: APP_ID,
      ownsDeepLinks: true,
    });
  });

  it('keeps development runs apart: another profile (and lock), another id, no links', () => {
    expect(appIdentity({ packaged: false, appDataDir, profileOverride: undefined, execPath })).toEqual({
      userDataDir: join(appDataDir, 'Parley Dev'),
      appUserModelId: execPath,
      ownsDeepLinks: false,
    });
  });

  it('uses a test profile when given one, and then never takes the machine’s links', () => {
    const identity = appIdentity({ packaged: true, appDataDir, profileOverride: '/tmp/p1', execPath });
    expect(identity).toMatchObject({ userDataDir: '/tmp/p1', ownsDeepLinks: false });
  });
});

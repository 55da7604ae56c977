/** Main's implementation of every invoke channel of the IPC contract, over the modules that do the work. */
import { app, shell } from 'electron';
import type { DeepLinkTarget, IpcHandlers, Notice } from '../shared/ipc';
import type { DesktopState, PageInbox } from './desktop-state';
import { isSafeExternalUrl } from './navigation-policy';
import { mediaAccessStatus, requestMediaAccess } from './permissions';
import type { ScreenShare } from './screen-share';
import type { ServerHost } from './server-host';
import type { SettingsStore } from './settings-store';
import type { SignalingBridge } from './signaling-bridge';

export interface HandlerDeps {
  state: DesktopState;
  settings: SettingsStore;
  server: ServerHost;
  signaling: SignalingBridge;
  screenShare: ScreenShare;
  deepLinks: PageInbox<DeepLinkTarget>;
  notices: PageInbox<Notice>;
}

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    app: {
      getInfo: () => ({
        version: app.getVersion(),
        platform: process.platform,
        mediaAccess: { camera: mediaAccessStatus('camera'), microphone: mediaAccessStatus('microphone') },
      }),
      requestMediaAccess: (kind) => requestMediaAccess(kind),
      takeDeepLink: () => deps.deepLinks.take()[0] ?? null,
      takeNotices: () => deps.notices.take(),
      openExternal: async (url) => {
        if (!isSafeExternalUrl(url)) throw new Error('Parley opens only http(s) links without credentials.');
        await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: checked http(s) just above
      },
    },
    server: {
      getInfo: () => deps.server.info,
      visit: (url) => deps.server.visit(url),
    },
    signaling: {
      connect: async ({ name }) => {
        const info = deps.server.info;
        if (info.state !== 'ready') return { state: 'closed', reason: info.message };
        if (deps.settings.current().displayName !== name) await deps.settings.update({ displayName: name });
        return deps.signaling.connect(info.wsUrl, name);
      },
      send: (message) => deps.signaling.send(message),
      getStatus: () => deps.signaling.status,
    },
    devices: {
      publish: (report) => deps.state.update({ devices: report }),
    },
    call: {
      publishState: (call) => deps.state.update({ call }),
    },
    screen: {
      choose: (choice) => deps.screenShare.choose(choice),
    },
    settings: {
      get: () => deps.settings.current(),
      update: (patch) => deps.settings.update(patch),
    },
  };
}

/**
 * Runs the real main entry (index.ts) against a recording stand-in for the
 * `electron` module, since the Electron binary cannot run here: the real
 * settings file, embedded server, signaling bridge, IPC guards, tray model
 * and protocol handler all run; only Electron's own objects are fakes. The
 * Electron e2e suite (e2e/electron) covers the real thing where it can run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { contractEntries } from '../shared/ipc';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const log: string[] = [];
  const handlers = new Map<string, Listener>();
  const appListeners = new Map<string, Listener[]>();
  const record = {
    log,
    handlers,
    appListeners,
    protocolHandler: null as null | ((request: { url: string }) => Promise<Response>),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    displayMedia: null as null | { handler: Listener; options: unknown },
    sent: [] as [string, unknown][],
    windowListeners: new Map<string, Listener[]>(),
    contentsListeners: new Map<string, Listener[]>(),
    windowOpenHandler: null as null | ((details: { url: string }) => { action: string }),
    trayMenus: [] as unknown[],
    clipboard: '',
    opened: [] as string[],
    shortcuts: [] as string[],
    windowOptions: [] as unknown[],
  };
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  const contents = {
    on: on(record.contentsListeners),
    send: (channel: string, payload: unknown) => record.sent.push([channel, payload]),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      record.windowOpenHandler = handler;
    },
  };
  class BrowserWindow {
    webContents = contents;
    constructor(readonly options: unknown) {
      record.windowOptions.push(options);
      log.push('window created');
    }
    once = on(record.windowListeners);
    on = on(record.windowListeners);
    loadURL(url: string) {
      log.push(`load ${url}`);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isFocused = () => false;
    isMinimized = () => false;
    show = () => log.push('window shown');
    hide = () => log.push('window hidden');
    focus = () => undefined;
    restore = () => undefined;
    close = () => log.push('window closed');
    getMediaSourceId = () => 'window:1:0';
  }
  class Tray {
    constructor(_image: unknown) {}
    setImage = (image: { path: string }) => log.push(`tray icon ${image.path.split('/').slice(-1)[0]}`);
    setToolTip = () => undefined;
    setContextMenu = (menu: unknown) => record.trayMenus.push(menu);
    on = () => undefined;
    destroy = () => undefined;
  }
  const session = {
    protocol: {
      handle: (_scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        record.protocolHandler = handler;
      },
    },
    setPermissionRequestHandler: (handler: Listener) => (record.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (record.permissionCheck = handler),
    setDisplayMediaRequestHandler: (handler: Listener, options: unknown) =>
      (record.displayMedia = { handler, options }),
  };
  const electron = {
    app: {
      requestSingleInstanceLock: () => true,
      setAsDefaultProtocolClient: (scheme: string) => log.push(`protocol client ${scheme}`),
      setPath: (name: string, path: string) => log.push(`setPath ${name} ${path}`),
      getPath: () => process.env.PARLEY_USER_DATA_DIR!,
      whenReady: () => Promise.resolve(),
      on: on(appListeners),
      isPackaged: false,
      getAppPath: () => process.cwd(),
      getLocale: () => 'en-US',
      getVersion: () => '0.1.0',
      quit: () => log.push('quit'),
    },
    protocol: { registerSchemesAsPrivileged: () => log.push('app scheme registered') },
    session: { defaultSession: session },
    ipcMain: {
      handle: (channel: string, handler: Listener) => {
        if (!record.log.includes('handlers registered')) log.push('handlers registered');
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    globalShortcut: {
      register: (accelerator: string) => {
        record.shortcuts.push(accelerator);
        return true;
      },
      unregister: () => undefined,
    },
    powerSaveBlocker: { start: () => 1, stop: () => undefined, isStarted: () => true },
    Notification: class {
      static isSupported = () => false;
    },
    clipboard: { writeText: (text: string) => (record.clipboard = text) },
    shell: { openExternal: async (url: string) => void record.opened.push(url) },
    systemPreferences: {},
    desktopCapturer: { getSources: async () => [] },
  };
  return { record, electron };
});
vi.mock('electron', () => fake.electron);

const { record } = fake;
const appFrame = { url: 'app://parley/index.html', parent: null };
const invoke = (channel: string, arg?: unknown, senderFrame: unknown = appFrame) =>
  Promise.resolve(record.handlers.get(channel)!({ senderFrame }, arg));

let userData: string;
beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'parley-main-'));
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ server: { mode: 'embedded', port: 0 } }));
  process.env.PARLEY_USER_DATA_DIR = userData;
  process.env.PARLEY_E2E = '1';
  // Electron's Node (22+) has a global WebSocket; the Node running these tests may not.
  vi.stubGlobal('WebSocket', WebSocket);
  await import('./index');
  await vi.waitFor(() => expect(globalThis.__parleyMain).toBeDefined());
});
afterAll(() => {
  rmSync(userData, { recursive: true, force: true });
  delete process.env.PARLEY_E2E;
  vi.unstubAllGlobals();
});

describe('main entry wiring', () => {
  it('registers the scheme first and every IPC handler before the page loads', () => {
    const order = record.log.filter((line) => /scheme|handlers|^load|window created/.test(line));
    expect(order).toEqual([
      'app scheme registered',
      'handlers registered',
      'window created',
      'load app://parley/index.html?test=1',
    ]);
    const invokeChannels = contractEntries().filter(({ spec }) => spec.kind === 'invoke');
    expect([...record.handlers.keys()].sort()).toEqual(invokeChannels.map(({ spec }) => spec.channel).sort());
  });

  it('starts the embedded server from the settings and reports it', async () => {
    const info = await invoke('server:get-info');
    expect(info).toMatchObject({
      state: 'ready',
      mode: 'embedded',
      wsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/),
    });
  });

  it('guards IPC: a foreign frame and a bad payload are refused with a clear error', async () => {
    await expect(
      invoke('settings:get', undefined, { url: 'https://evil.example/', parent: null }),
    ).rejects.toThrow(/not Parley's own page/);
    await expect(invoke('settings:update', { closeToTray: 'yes' })).rejects.toThrow(
      /settings:update: invalid argument/,
    );
    await expect(invoke('app:open-external', 'file:///etc/passwd')).rejects.toThrow(/invalid argument/);
  });

  it('connects signaling through main and mirrors the status to the page', async () => {
    await invoke('signaling:connect', { name: 'Ada' });
    await vi.waitFor(() =>
      expect(record.sent).toContainEqual(['signaling:status', expect.objectContaining({ state: 'open' })]),
    );
    expect(await invoke('settings:get')).toMatchObject({ displayName: 'Ada' });
  });

  it('builds the tray from what the page publishes and sends tray picks back to it', async () => {
    await invoke('devices:publish', {
      devices: [
        { deviceId: 'cam-1', kind: 'videoinput', label: 'Front' },
        { deviceId: 'cam-2', kind: 'videoinput', label: 'Back' },
      ],
      selected: { videoinput: 'cam-1' },
    });
    await invoke('call:publish-state', {
      phase: 'in-call',
      roomId: 'r1',
      micMuted: true,
      cameraOff: false,
      sharing: false,
    });
    const menu = globalThis.__parleyMain!.trayMenu();
    expect(menu.find((item) => item.id === 'videoinput')).toMatchObject({
      submenu: [
        { label: 'Front', checked: true },
        { label: 'Back', checked: false },
        { type: 'separator' },
        { label: 'Blur my background', checked: false },
      ],
    });
    expect(record.log).toContain('tray icon muted.png');

    globalThis.__parleyMain!.clickTrayItem('videoinput:cam-2');
    expect(record.sent).toContainEqual([
      'call:command',
      { type: 'select-device', kind: 'videoinput', deviceId: 'cam-2' },
    ]);
    await vi.waitFor(async () =>
      expect(await invoke('settings:get')).toMatchObject({ devices: { videoinput: 'cam-2' } }),
    );

    // An effect switched in the tray reaches the page, is saved, and the menu shows it on.
    globalThis.__parleyMain!.clickTrayItem('effect:backgroundBlur');
    expect(record.sent).toContainEqual([
      'call:command',
      { type: 'set-effect', effect: 'backgroundBlur', on: true },
    ]);
    await vi.waitFor(async () =>
      expect(await invoke('settings:get')).toMatchObject({ effects: { backgroundBlur: true } }),
    );
    await vi.waitFor(() =>
      expect(globalThis.__parleyMain!.trayMenu().find((item) => item.id === 'videoinput')).toMatchObject({
        submenu: [{}, {}, {}, { label: 'Blur my background', checked: true }],
      }),
    );

    globalThis.__parleyMain!.clickTrayItem('copy-invite');
    const info = (await invoke('server:get-info')) as { inviteOrigin: string };
    expect(record.clipboard).toBe(`${info.inviteOrigin}/?room=r1`);
  });

  it('serves the app:// pages with the CSP, and nothing outside out/renderer', async () => {
    const page = await record.protocolHandler!({ url: 'app://parley/index.html' });
    if (page.status === 200)
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    else expect(page.status).toBe(404); // renderer not built in this checkout
    expect((await record.protocolHandler!({ url: 'app://parley/..%2f..%2fpackage.json' })).status).toBe(404);
  });

  it('grants call permissions to the app page only', () => {
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      record.permissionRequest!({}, permission, (answer: boolean) => (granted = answer), {
        requestingUrl,
        isMainFrame: true,
      });
      return granted;
    };
    expect(ask('media', 'app://parley/index.html')).toBe(true);
    expect(ask('geolocation', 'app://parley/index.html')).toBe(false);
    expect(ask('media', 'https://evil.example/')).toBe(false);
  });

  it('denies window.open and opens web links in the browser', () => {
    expect(record.windowOpenHandler!({ url: 'https://example.org/help' })).toEqual({ action: 'deny' });
    expect(record.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(record.opened).toEqual(['https://example.org/help']);
  });

  it('writes the window’s webPreferences out in full, Auxclick off', () => {
    const options = record.windowOptions[0] as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('leaves a development run’s hands off parley:// links', () => {
    expect(record.log.filter((line) => line.startsWith('protocol client'))).toEqual([]);
  });

  it('lets the page leave the call before its window closes (close-to-tray off or no tray)', async () => {
    await invoke('settings:update', { closeToTray: false });
    await invoke('call:publish-state', {
      phase: 'in-call',
      roomId: 'r2',
      micMuted: false,
      cameraOff: false,
      sharing: false,
    });
    record.sent.length = 0;
    let prevented = false;
    const close = () => {
      for (const listener of record.windowListeners.get('close') ?? [])
        listener({ preventDefault: () => (prevented = true) });
    };
    close();
    expect(prevented).toBe(true);
    expect(record.sent).toContainEqual(['call:command', { type: 'leave' }]);
    expect(record.log).not.toContain('window closed');
    await invoke('call:publish-state', { phase: 'idle', micMuted: false, cameraOff: false, sharing: false });
    await vi.waitFor(() => expect(record.log).toContain('window closed'));
  });

  it('registers the mute shortcut from the settings', () => {
    expect(record.shortcuts).toEqual(['CommandOrControl+Shift+M']);
  });

  it('asks the page to leave the call when the user quits, then quits', async () => {
    const event = { preventDefault: () => record.log.push('quit deferred') };
    for (const listener of record.appListeners.get('before-quit') ?? []) listener(event);
    expect(record.sent).toContainEqual(['call:command', { type: 'leave' }]);
    await invoke('call:publish-state', { phase: 'idle', micMuted: false, cameraOff: false, sharing: false });
    await vi.waitFor(() => expect(record.log).toContain('quit'));
    expect(record.log.filter((line) => line === 'quit deferred')).toHaveLength(1);
    expect(await invoke('signaling:get-status')).toMatchObject({ state: 'closed' });
  });
});

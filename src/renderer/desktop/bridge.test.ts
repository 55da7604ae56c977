import { describe, expect, it } from 'vitest';
import type { CallSnapshot, DeepLinkTarget, DeviceReport, ParleyApi, ServerInfo } from '../../shared/ipc';
import type { DeviceInfo } from '../engine/media';
import { defaultSettings, type Settings } from '../../shared/settings';
import { applyCommand } from './commands';
import { followDeepLinks } from './deep-links';
import { createJoinPrompts } from './join-prompt';
import { syncForceRelay } from './force-relay';
import { syncEffects } from './effects';
import { baseSnapshot, FakeSession } from './fake-session.test-support';
import { pickerModel } from './picker-model';
import { callSnapshotOf, deviceReportOf, publishToMain } from './publishers';
import { restoreDevices } from './restore-devices';

const devices: DeviceInfo[] = [
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in Microphone' },
  { deviceId: 'mic-2', kind: 'audioinput', label: 'USB Headset' },
  { deviceId: 'cam-1', kind: 'videoinput', label: 'Camera' },
];
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('commands from the tray, notifications and shortcuts', () => {
  it('switch devices and toggle mic and camera', () => {
    const session = new FakeSession();
    applyCommand(session, { type: 'select-device', kind: 'audioinput', deviceId: 'mic-2' });
    applyCommand(session, { type: 'set-mic-muted', muted: true });
    session.set({ micMuted: true });
    applyCommand(session, { type: 'toggle-mic' });
    applyCommand(session, { type: 'set-camera-off', off: true });
    applyCommand(session, { type: 'set-effect', effect: 'noiseSuppression', on: true });
    expect(session.calls).toEqual([
      'selectDevice audioinput mic-2',
      'setMicMuted true',
      'setMicMuted false',
      'setCameraOff true',
      'setEffects {"noiseSuppression":true}',
    ]);
  });

  it('start sharing only when not sharing, and leave only a call', () => {
    const session = new FakeSession();
    applyCommand(session, { type: 'leave' });
    applyCommand(session, { type: 'start-screen-share' });
    session.set({ sharing: true, phase: 'in-call' });
    applyCommand(session, { type: 'start-screen-share' });
    applyCommand(session, { type: 'stop-screen-share' });
    applyCommand(session, { type: 'leave' });
    expect(session.calls).toEqual(['startScreenShare', 'stopScreenShare', 'leave']);
  });

  it('answer only the call that is ringing now', () => {
    const session = new FakeSession();
    const call = { callId: 'c2', peer: { peerId: 'p', name: 'Grace' }, direction: 'incoming' as const };
    session.set({ phase: 'incoming', call });
    applyCommand(session, { type: 'answer-call', callId: 'c1', accept: true });
    applyCommand(session, { type: 'answer-call', callId: 'c2', accept: false });
    session.set({ phase: 'idle', call: null });
    applyCommand(session, { type: 'answer-call', callId: 'c2', accept: true });
    expect(session.calls).toEqual(['decline']);
  });
});

describe('publishing to main', () => {
  it('describes devices and the call the way the tray needs them', () => {
    const snapshot = {
      ...baseSnapshot,
      devices,
      selected: { audioinput: 'mic-2', videoinput: null, audiooutput: null },
    };
    expect(deviceReportOf(snapshot)).toEqual({ devices, selected: { audioinput: 'mic-2' } });
    expect(callSnapshotOf({ ...snapshot, phase: 'outgoing' })).toEqual({
      phase: 'ringing',
      micMuted: false,
      cameraOff: false,
      sharing: false,
    });
    expect(callSnapshotOf({ ...snapshot, phase: 'in-call', room: 'r1', micMuted: true })).toMatchObject({
      phase: 'in-call',
      roomId: 'r1',
      micMuted: true,
    });
  });

  it('sends at once and then only what changed', async () => {
    const session = new FakeSession();
    const sent: (DeviceReport | CallSnapshot)[] = [];
    const api = {
      devices: { publish: async (report: DeviceReport) => void sent.push(report) },
      call: { publishState: async (call: CallSnapshot) => void sent.push(call) },
    } as unknown as Pick<ParleyApi, 'devices' | 'call'>;
    const stop = publishToMain(session, api, (error) => {
      throw error;
    });
    session.set({ name: 'Ada L.' }); // nothing the tray shows
    session.set({ devices });
    session.set({ micMuted: true });
    stop();
    session.set({ cameraOff: true });
    expect(sent).toEqual([
      { devices: [], selected: {} },
      { phase: 'idle', micMuted: false, cameraOff: false, sharing: false },
      { devices, selected: {} },
      { phase: 'idle', micMuted: true, cameraOff: false, sharing: false },
    ]);
  });
});

describe('restoreDevices', () => {
  it('selects each remembered device once its kind is known, then lets go', () => {
    const session = new FakeSession();
    restoreDevices(session, { audioinput: 'mic-2', videoinput: 'cam-gone' });
    expect(session.calls).toEqual([]);
    session.set({ devices, selected: { audioinput: 'mic-1', videoinput: 'cam-1', audiooutput: null } });
    expect(session.calls).toEqual(['selectDevice audioinput mic-2']);
    expect(session.listenerCount()).toBe(0);
  });

  it('leaves a remembered device alone when it is already in use', () => {
    const session = new FakeSession();
    session.set({ devices, selected: { audioinput: 'mic-2', videoinput: null, audiooutput: null } });
    restoreDevices(session, { audioinput: 'mic-2' });
    expect(session.calls).toEqual([]);
  });
});

describe('syncForceRelay', () => {
  it('applies the saved "Relay only" to the session and saves each change the user makes', async () => {
    const session = new FakeSession();
    const saved: unknown[] = [];
    const settings = {
      update: async (patch: unknown) => void saved.push(patch),
    } as unknown as ParleyApi['settings'];
    syncForceRelay(session, settings, true, (error) => {
      throw error;
    });
    expect(session.snapshot.forceRelay).toBe(true);
    session.set({ micMuted: true });
    session.setForceRelay(false);
    await flush();
    expect(saved).toEqual([{ forceRelay: false }]);
  });
});

describe('syncEffects', () => {
  it('applies the saved effects, follows settings, and saves what changes in the window, without echoes', async () => {
    const session = new FakeSession();
    const saved: unknown[] = [];
    let settingsChanged: (settings: Settings) => void = () => undefined;
    const settings = {
      update: async (patch: unknown) => void saved.push(patch),
      onChange: (listener: (settings: Settings) => void) => {
        settingsChanged = listener;
        return () => undefined;
      },
    } as unknown as ParleyApi['settings'];
    const fail = (error: unknown) => {
      throw error;
    };
    syncEffects(session, settings, { noiseSuppression: true, backgroundBlur: false }, fail);
    expect(session.snapshot.effects).toEqual({ noiseSuppression: true, backgroundBlur: false });

    // A tray click: main saves it, the window follows and does not save it back.
    settingsChanged({ ...defaultSettings(), effects: { noiseSuppression: true, backgroundBlur: true } });
    expect(session.snapshot.effects.backgroundBlur).toBe(true);
    // An unrelated setting changes nothing.
    settingsChanged({ ...defaultSettings(), language: 'en', effects: session.snapshot.effects });
    // The window's switch, or an effect that failed and turned itself off: saved.
    await session.media.setEffects({ noiseSuppression: false });
    await flush();
    expect(saved).toEqual([{ effects: { noiseSuppression: false, backgroundBlur: true } }]);
    expect(session.calls.filter((call) => call.startsWith('setEffects'))).toHaveLength(3);
  });
});

describe('followDeepLinks', () => {
  function deepLinkApi(server: ServerInfo, launchLink: DeepLinkTarget | null) {
    const log: string[] = [];
    let deliver: ((link: DeepLinkTarget) => void) | null = null;
    const api = {
      app: {
        onDeepLink: (listener: (link: DeepLinkTarget) => void) => {
          deliver = listener;
          return () => (deliver = null);
        },
        takeDeepLink: async () => launchLink,
      },
      server: {
        getInfo: async () => server,
        visit: async (url: string) => void log.push(`visit ${url}`),
      },
    } as unknown as Pick<ParleyApi, 'app' | 'server'>;
    return { api, log, open: (link: DeepLinkTarget) => deliver?.(link) };
  }
  const here: ServerInfo = {
    state: 'ready',
    mode: 'embedded',
    wsUrl: 'ws://127.0.0.1:1/ws',
    inviteOrigin: 'http://127.0.0.1:1',
    lan: false,
  };
  const fail = (error: unknown) => {
    throw error;
  };
  /** Follows links with a real prompt store; the test answers its questions. */
  function follow(session: FakeSession, api: Pick<ParleyApi, 'app' | 'server'>) {
    const prompts = createJoinPrompts();
    followDeepLinks(session, api, prompts, fail);
    return prompts;
  }

  it('asks before joining the room of the link that launched the app', async () => {
    const session = new FakeSession();
    const prompts = follow(session, deepLinkApi(here, { roomId: 'standup' }).api);
    await flush();
    expect(prompts.current()).toEqual({ roomId: 'standup', serverUrl: null });
    expect(session.calls).toEqual([]);
    prompts.answer({ camera: true, microphone: true });
    await flush();
    expect(session.calls).toEqual(['joinRoom standup']);
  });

  it('joins with camera and microphone off when the user says so', async () => {
    const session = new FakeSession();
    const prompts = follow(session, deepLinkApi(here, { roomId: 'standup' }).api);
    await flush();
    prompts.answer({ camera: false, microphone: false });
    await flush();
    expect(session.calls).toEqual(['setCameraOff true', 'setMicMuted true', 'joinRoom standup']);
  });

  it('does nothing when the user cancels', async () => {
    const session = new FakeSession();
    const { api, log } = deepLinkApi(here, { roomId: 'r9', serverUrl: 'wss://talk.example.org/ws' });
    const prompts = follow(session, api);
    await flush();
    prompts.answer(null);
    await flush();
    expect(session.calls).toEqual([]);
    expect(log).toEqual([]);
  });

  it('visits the link’s server (never saving it) once agreed, and joins once reconnected there', async () => {
    const session = new FakeSession();
    const { api, log, open } = deepLinkApi(here, null);
    const prompts = follow(session, api);
    await flush();
    open({ roomId: 'r9', serverUrl: 'wss://talk.example.org/ws' });
    await flush();
    expect(prompts.current()).toEqual({ roomId: 'r9', serverUrl: 'wss://talk.example.org/ws' });
    expect(log).toEqual([]);
    prompts.answer({ camera: true, microphone: true });
    await flush();
    expect(log).toEqual(['visit wss://talk.example.org/ws']);
    expect(session.calls).toEqual([]); // still connected to the old server
    session.set({ connection: { state: 'connecting', attempt: 1 } });
    session.set({ connection: { state: 'open', peerId: 'me2', resumed: false } });
    expect(session.calls).toEqual(['joinRoom r9']);
  });

  it('does not pull someone out of a call, nor ask', async () => {
    const session = new FakeSession();
    session.set({ phase: 'in-call', room: 'busy' });
    const { api, open } = deepLinkApi(here, null);
    const prompts = follow(session, api);
    open({ roomId: 'other' });
    await flush();
    expect(prompts.current()).toBeNull();
    expect(session.calls).toEqual([]);
  });

  it('a newer link replaces an unanswered question', async () => {
    const session = new FakeSession();
    const { api, open } = deepLinkApi(here, null);
    const prompts = follow(session, api);
    open({ roomId: 'first' });
    await flush();
    open({ roomId: 'second' });
    await flush();
    prompts.answer({ camera: true, microphone: true });
    await flush();
    expect(session.calls).toEqual(['joinRoom second']);
  });
});

describe('pickerModel', () => {
  it('splits screens from windows and preselects the first screen', () => {
    const source = (id: string, kind: 'screen' | 'window') => ({
      id,
      name: id,
      kind,
      thumbnailDataUrl: '',
      appIconDataUrl: null,
    });
    const model = pickerModel({
      requestId: 'r',
      audioAvailable: false,
      sources: [source('window:1:0', 'window'), source('screen:0:0', 'screen')],
    });
    expect(model.screens.map((s) => s.id)).toEqual(['screen:0:0']);
    expect(model.windows.map((s) => s.id)).toEqual(['window:1:0']);
    expect(model.initial).toBe('screen:0:0');
    expect(pickerModel({ requestId: 'r', audioAvailable: false, sources: [] }).initial).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { contractEntries, type IpcHandlers } from '../shared/ipc';
import { createEventEmitter, guardHandlers, IpcRequestError, type IpcSender } from './ipc-dispatch';

const origins = ['app://parley'];
const app: IpcSender = { frameUrl: 'app://parley/index.html', isMainFrame: true };

/** Handlers that record what reached them. */
function recordingHandlers() {
  const calls: { name: string; arg: unknown }[] = [];
  const handlers = new Proxy(
    {},
    {
      get: (_target, namespace) =>
        new Proxy(
          {},
          {
            get: (_inner, member) => (arg: unknown) => {
              const name = `${String(namespace)}.${String(member)}`;
              calls.push({ name, arg });
              if (name === 'settings.update') throw new Error('disk full');
              return `ok:${name}`;
            },
          },
        ),
    },
  ) as unknown as IpcHandlers;
  const byChannel = new Map(guardHandlers(handlers, origins).map((h) => [h.channel, h]));
  const call = (channel: string, arg: unknown, sender: IpcSender = app) =>
    byChannel.get(channel)!.handle(sender, arg);
  return { calls, call, byChannel };
}

describe('the IPC contract', () => {
  it('uses every channel name once', () => {
    const channels = contractEntries().map(({ spec }) => spec.channel);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('gets a guarded handler for every invoke channel', () => {
    const { byChannel } = recordingHandlers();
    const invokes = contractEntries().filter(({ spec }) => spec.kind === 'invoke');
    expect([...byChannel.keys()].sort()).toEqual(invokes.map(({ spec }) => spec.channel).sort());
  });
});

describe('guarded handlers', () => {
  it('pass a valid payload from the app page to the handler, stripped of unknown fields', async () => {
    const { calls, call } = recordingHandlers();
    const report = {
      devices: [{ deviceId: 'd1', kind: 'videoinput', label: 'Cam', extra: 'dropped' }],
      selected: { videoinput: 'd1' },
    };
    await expect(call('devices:publish', report)).resolves.toBe('ok:devices.publish');
    expect(calls).toEqual([
      {
        name: 'devices.publish',
        arg: {
          devices: [{ deviceId: 'd1', kind: 'videoinput', label: 'Cam' }],
          selected: { videoinput: 'd1' },
        },
      },
    ]);
  });

  it('accept a wire message the renderer sends through main', async () => {
    const { call } = recordingHandlers();
    const message = { v: 1, type: 'join', room: 'standup' };
    await expect(call('signaling:send', message)).resolves.toBe('ok:signaling.send');
  });

  it.each([
    ['another origin', { frameUrl: 'https://evil.example/', isMainFrame: true }],
    ['a sub-frame of the app', { frameUrl: 'app://parley/index.html', isMainFrame: false }],
    ['a destroyed frame', { frameUrl: undefined, isMainFrame: true }],
    ['a file page', { frameUrl: 'file:///tmp/index.html', isMainFrame: true }],
    // The call window is an empty page the app renders into; its own frame gets no bridge.
    ['the always-on-top call window', { frameUrl: 'about:blank', isMainFrame: true }],
  ])('refuse %s without calling the handler', async (_name, sender) => {
    const { calls, call } = recordingHandlers();
    const error = await call('settings:get', undefined, sender).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcRequestError);
    expect(error).toMatchObject({
      reason: 'untrusted-sender',
      message: expect.stringContaining('settings:get'),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a wire message of an unknown type', 'signaling:send', { v: 1, type: 'become-admin' }],
    ['a wire message of another version', 'signaling:send', { v: 2, type: 'join' }],
    ['a signal without payload', 'signaling:send', { v: 1, type: 'signal', room: 'r', to: 'p' }],
    ['a setting of the wrong type', 'settings:update', { closeToTray: 'yes' }],
    ['a remote server that is not ws', 'settings:update', { server: { mode: 'remote', url: 'file:///x' } }],
    ['devices that are not a list', 'devices:publish', { devices: 'all', selected: {} }],
    ['a screen choice without request id', 'screen:choose', { sourceId: null, audio: false }],
    ['a javascript: link', 'app:open-external', 'javascript:alert(1)'],
    ['a file: link', 'app:open-external', 'file:///etc/passwd'],
    ['an argument to a call that takes none', 'app:get-info', { sneaky: true }],
    ['an empty display name', 'signaling:connect', { name: '   ' }],
  ])('refuse %s with a clear message', async (_name, channel, arg) => {
    const { calls, call } = recordingHandlers();
    const error = await call(channel, arg).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcRequestError);
    expect(error).toMatchObject({
      reason: 'invalid-argument',
      message: expect.stringMatching(`^${channel}: invalid argument`),
    });
    expect(calls).toEqual([]);
  });

  it('turn a failing handler into a rejected call, not a crash', async () => {
    const { call } = recordingHandlers();
    await expect(call('settings:update', { closeToTray: false })).rejects.toThrow('disk full');
  });
});

describe('event emitter', () => {
  it('sends each event on its contract channel', () => {
    const sent: [string, unknown][] = [];
    const events = createEventEmitter((channel, payload) => sent.push([channel, payload]));
    events.emit('signaling', 'onStatus', { state: 'connecting', attempt: 1 });
    events.emit('call', 'onCommand', { type: 'toggle-mic' });
    expect(sent).toEqual([
      ['signaling:status', { state: 'connecting', attempt: 1 }],
      ['call:command', { type: 'toggle-mic' }],
    ]);
  });
});

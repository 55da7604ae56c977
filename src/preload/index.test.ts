import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contractEntries, type ParleyApi } from '../shared/ipc';

// The preload runs against Electron's contextBridge and ipcRenderer; here they record what the page would reach.
const bridge = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invoked: [] as [string, unknown][],
    listeners,
    emit(channel: string, payload: unknown) {
      for (const listener of listeners.get(channel) ?? []) listener({}, payload);
    },
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, arg: unknown) => {
      bridge.invoked.push([channel, arg]);
      return `result of ${channel}`;
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!bridge.listeners.has(channel)) bridge.listeners.set(channel, new Set());
      bridge.listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      bridge.listeners.get(channel)?.delete(listener);
    },
  },
}));

let parley: ParleyApi;
beforeAll(async () => {
  await import('./index');
  parley = bridge.exposed.get('parley') as ParleyApi;
});

describe('window.parley', () => {
  it('is the only thing exposed, with exactly the contract’s namespaces and members', () => {
    expect([...bridge.exposed.keys()]).toEqual(['parley']);
    const shape = Object.fromEntries(
      Object.entries(parley).map(([ns, members]) => [ns, Object.keys(members).sort()]),
    );
    const expected: Record<string, string[]> = {};
    for (const { namespace, member } of contractEntries()) (expected[namespace] ??= []).push(member);
    for (const members of Object.values(expected)) members.sort();
    expect(shape).toEqual(expected);
  });

  it('offers no raw IPC: named functions of one argument, no channel parameter', () => {
    for (const key of ['send', 'invoke', 'on', 'ipcRenderer']) expect(parley).not.toHaveProperty(key);
    for (const members of Object.values(parley)) {
      for (const value of Object.values(members)) {
        expect(typeof value).toBe('function');
        expect((value as (...args: unknown[]) => unknown).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('invokes the contract channel with the argument', async () => {
    await expect(parley.devices.publish({ devices: [], selected: {} })).resolves.toBe(
      'result of devices:publish',
    );
    await parley.settings.get();
    expect(bridge.invoked).toEqual([
      ['devices:publish', { devices: [], selected: {} }],
      ['settings:get', undefined],
    ]);
  });

  it('subscribes with a function that unsubscribes', () => {
    const seen: unknown[] = [];
    const off = parley.call.onCommand((command) => seen.push(command));
    bridge.emit('call:command', { type: 'toggle-mic' });
    off();
    bridge.emit('call:command', { type: 'leave' });
    expect(seen).toEqual([{ type: 'toggle-mic' }]);
    expect(bridge.listeners.get('call:command')?.size).toBe(0);
  });
});

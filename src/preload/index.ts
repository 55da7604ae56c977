/**
 * The preload: exposes `window.parley`, built by walking the IPC contract so
 * every method and subscription matches a channel main handles. The page
 * gets named functions only, never ipcRenderer or a generic send.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { contractEntries, type ParleyApi } from '../shared/ipc';

function buildApi(): ParleyApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { namespace, member, spec } of contractEntries()) {
    const channel = spec.channel;
    (api[namespace] ??= {})[member] =
      spec.kind === 'invoke'
        ? (arg?: unknown) => ipcRenderer.invoke(channel, arg)
        : (listener: (payload: unknown) => void) => {
            const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
            ipcRenderer.on(channel, forward);
            return () => {
              ipcRenderer.removeListener(channel, forward);
            };
          };
  }
  return api as unknown as ParleyApi;
}

contextBridge.exposeInMainWorld('parley', buildApi());

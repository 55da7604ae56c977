/** Registers the contract's handlers with ipcMain; every call goes through the sender check and schema. */
import { ipcMain } from 'electron';
import type { IpcHandlers } from '../shared/ipc';
import { guardHandlers } from './ipc-dispatch';

/** Registers every handler; returns a function that removes them. */
export function registerIpcHandlers(handlers: IpcHandlers, origins: readonly string[]): () => void {
  const guarded = guardHandlers(handlers, origins);
  for (const { channel, handle } of guarded) {
    ipcMain.handle(channel, (event, arg: unknown) => {
      const frame = event.senderFrame;
      return handle({ frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null }, arg);
    });
  }
  return () => {
    for (const { channel } of guarded) ipcMain.removeHandler(channel);
  };
}

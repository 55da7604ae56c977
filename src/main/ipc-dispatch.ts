/**
 * Main's side of the IPC contract, without Electron: one guarded function per
 * invoke channel (sender check, then zod parse, then the handler) and a typed
 * event emitter. ipc.ts registers these with ipcMain.
 */
import { z } from '../shared/zod';
import {
  contractEntries,
  type EventKeys,
  type EventPayload,
  type IpcHandlers,
  type Namespace,
} from '../shared/ipc';
import { isAppUrl } from './app-origin';

/** Who sent an IPC message, as far as the trust check cares. */
export interface IpcSender {
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

/** An IPC call main refused; its message reaches the renderer's rejected promise. */
export class IpcRequestError extends Error {
  constructor(
    readonly channel: string,
    readonly reason: 'untrusted-sender' | 'invalid-argument',
    detail: string,
  ) {
    super(`${channel}: ${detail}`);
    this.name = 'IpcRequestError';
  }
}

export interface GuardedHandler {
  channel: string;
  handle(sender: IpcSender, rawArg: unknown): Promise<unknown>;
}

/** Wraps every handler of the contract with the sender check and the argument schema. */
export function guardHandlers(handlers: IpcHandlers, origins: readonly string[]): GuardedHandler[] {
  return contractEntries().flatMap(({ namespace, member, spec }) => {
    if (spec.kind !== 'invoke') return [];
    const handler = (handlers[namespace] as Record<string, (arg: unknown) => unknown>)[member];
    if (!handler) throw new Error(`no handler for ${spec.channel}`);
    return [
      {
        channel: spec.channel,
        async handle(sender: IpcSender, rawArg: unknown) {
          if (!sender.isMainFrame || !isAppUrl(sender.frameUrl, origins)) {
            throw new IpcRequestError(
              spec.channel,
              'untrusted-sender',
              "refused: the sender is not Parley's own page",
            );
          }
          const parsed = spec.arg.safeParse(rawArg);
          if (!parsed.success) {
            throw new IpcRequestError(
              spec.channel,
              'invalid-argument',
              `invalid argument: ${z.prettifyError(parsed.error)}`,
            );
          }
          return handler(parsed.data);
        },
      },
    ];
  });
}

/** Sends contract events with payloads typed by the contract. */
export interface EventEmitter {
  emit<N extends Namespace, M extends EventKeys<N>>(
    namespace: N,
    member: M,
    payload: EventPayload<N, M>,
  ): void;
}

/** An emitter over a raw `send(channel, payload)`, e.g. webContents.send of the main window. */
export function createEventEmitter(send: (channel: string, payload: unknown) => void): EventEmitter {
  const channels = new Map(
    contractEntries()
      .filter(({ spec }) => spec.kind === 'event')
      .map(({ namespace, member, spec }) => [`${namespace}.${member}`, spec.channel]),
  );
  return {
    emit(namespace, member, payload) {
      const channel = channels.get(`${namespace}.${String(member)}`);
      if (!channel) throw new Error(`no event ${namespace}.${String(member)}`);
      send(channel, payload);
    },
  };
}

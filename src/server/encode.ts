import type { ServerMessage } from '../shared/protocol';

/** The one place server messages become wire text: typed in, JSON out. */
export function encode(message: ServerMessage): string {
  return JSON.stringify(message);
}

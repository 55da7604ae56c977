/** Main's signaling client: the shared SignalingClient over the WebSocket built into Electron's Node. */
import { SignalingClient } from '../shared/signaling-client';
import type { SignalingTransport } from '../shared/transport';

export function openSignalingClient(url: string, name: string): SignalingTransport {
  return new SignalingClient({ url, name, WebSocket: globalThis.WebSocket });
}

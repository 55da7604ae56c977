/**
 * Main's signaling client: the shared SignalingClient over the WebSocket built
 * into Electron's Node, or, for the embedded server's own LAN certificate
 * (self-signed), over `ws` trusting exactly that certificate.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import { SignalingClient } from '../shared/signaling-client';
import type { SignalingTransport } from '../shared/transport';

/** @param pinnedCertificate a PEM certificate to trust instead of the system's authorities. */
export function openSignalingClient(
  url: string,
  name: string,
  pinnedCertificate: string | null,
): SignalingTransport {
  if (!pinnedCertificate) return new SignalingClient({ url, name, WebSocket: globalThis.WebSocket });
  const ca = pinnedCertificate;
  class PinnedWebSocket extends NodeWebSocket {
    constructor(address: string) {
      super(address, { ca });
    }
  }
  return new SignalingClient({ url, name, WebSocket: PinnedWebSocket });
}

/**
 * Chooses the signaling transport. In a browser the renderer holds the
 * WebSocket itself: the page's own origin at `/ws`, or the `?server=` query
 * parameter (a ws:// or wss:// URL).
 */
import { SignalingClient } from '../../shared/signaling-client';
import type { SignalingTransport } from '../../shared/transport';

/** The signaling WebSocket URL for this page. */
function signalingUrl(location: Location = window.location): string {
  const server = new URLSearchParams(location.search).get('server');
  if (server && /^wss?:\/\//.test(server)) return server;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** `<server http origin>/?room=<id>`: the server serves this web client at its root. */
export function inviteLinkFor(room: string, wsUrl: string = signalingUrl()): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/';
  url.search = new URLSearchParams({ room }).toString();
  return url.href;
}

/** The browser's own transport; in Electron, desktop/bridge.ts supplies an IPC one instead. */
export function createTransport(name: string): SignalingTransport {
  return new SignalingClient({ url: signalingUrl(), name, WebSocket });
}

/**
 * Desktop deep links: `parley://join/<roomId>?server=<ws url>`. The server is
 * optional (absent: the app's current server). Anything else is refused.
 */
import { roomIdSchema } from './protocol';

export const DEEP_LINK_SCHEME = 'parley';

export interface DeepLink {
  roomId: string;
  /** A ws:// or wss:// signaling URL, when the link names a server. */
  serverUrl?: string;
}

/** Parses a parley:// link; null when it is not a well-formed join link. */
export function parseDeepLink(link: string): DeepLink | null {
  if (!URL.canParse(link)) return null;
  const url = new URL(link);
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.hostname !== 'join') return null;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length !== 1) return null;
  const roomId = roomIdSchema.safeParse(decodeURIComponent(segments[0]!));
  if (!roomId.success) return null;
  const server = url.searchParams.get('server');
  if (server === null) return { roomId: roomId.data };
  if (!URL.canParse(server)) return null;
  const serverUrl = new URL(server);
  if (serverUrl.protocol !== 'ws:' && serverUrl.protocol !== 'wss:') return null;
  if (serverUrl.username || serverUrl.password) return null;
  return { roomId: roomId.data, serverUrl: serverUrl.href };
}

/** Builds the deep link for a room, the inverse of parseDeepLink. */
export function formatDeepLink(target: DeepLink): string {
  const base = `${DEEP_LINK_SCHEME}://join/${encodeURIComponent(target.roomId)}`;
  return target.serverUrl ? `${base}?server=${encodeURIComponent(target.serverUrl)}` : base;
}

/** The first parley:// link among command-line arguments (Windows/Linux pass links there). */
export function findDeepLinkArg(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}

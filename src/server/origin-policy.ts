/**
 * Which WebSocket upgrades a browser page may make. A client without Origin is not a browser
 * page (Node, the desktop app's main process) and passes; a page must be the server's own
 * origin or one the operator allowed, so no website the user has open can reach /ws.
 */
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostname(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase();
}

function isLoopbackBind(bindHost: string): boolean {
  return bindHost === 'localhost' || bindHost === '::1' || bindHost.startsWith('127.');
}

/** Why the upgrade is refused, or null when it may go on. */
export function refuseOrigin(
  headers: IncomingHttpHeaders,
  bindHost: string,
  allowedOrigins: readonly string[],
): string | null {
  const host = headers.host?.toLowerCase();
  // A server only on loopback answers to loopback names: a DNS-rebound name would otherwise
  // pass as "same origin".
  if (
    host &&
    isLoopbackBind(bindHost) &&
    !LOOPBACK_NAMES.has(hostname(host)) &&
    !/^127\./.test(hostname(host))
  ) {
    return 'host is not a loopback name';
  }
  const origin = headers.origin;
  if (origin === undefined || allowedOrigins.includes(origin)) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return 'malformed origin';
  }
  // Scheme aside: behind a TLS-terminating proxy the page is https while this server is http.
  return host !== undefined && originHost === host ? null : 'cross-origin';
}

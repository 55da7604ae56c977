/**
 * Structured logs (pino, one JSON line per event) on stderr. Callers log ids, addresses, codes
 * and counts: never a resume token, a password or an SDP.
 */
import { destination, pino, stdTimeFunctions, type Logger } from 'pino';
import type { ServerConfig } from './config';

export type { Logger };

export function createLogger(level: ServerConfig['logLevel']): Logger {
  return pino(
    { level, base: { name: 'parley-server' }, timestamp: stdTimeFunctions.isoTime },
    destination({ fd: 2, sync: true }),
  );
}

/** Server options: validated once at start, with the defaults every deployment gets. */
import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from '../shared/protocol';

const iceOptionsSchema = z
  .object({
    stunUrls: z.array(z.string().min(1)).default([]),
    turnUrls: z.array(z.string().min(1)).default([]),
    /** Shared with coturn (`use-auth-secret`): clients get short-lived REST credentials, never a fixed password. */
    turnSecret: z.string().min(1).optional(),
    turnTtlSeconds: z.number().int().positive().default(3600),
  })
  .refine((ice) => ice.turnUrls.length === 0 || ice.turnSecret !== undefined, {
    message: 'TURN URLs need a turnSecret to issue credentials',
  });

export const serverOptionsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** PEM contents: serve https/wss. */
  tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  maxParticipants: z.number().int().min(2).max(64).default(6),
  maxMessageBytes: z.number().int().positive().default(MAX_MESSAGE_BYTES),
  rateLimit: z
    .object({
      messagesPerSecond: z.number().positive().default(50),
      burst: z.number().int().positive().default(200),
    })
    .prefault({}),
  heartbeatMs: z.number().int().positive().default(15_000),
  /** Browser origins allowed to open a socket; unset allows all. */
  allowedOrigins: z.array(z.string().min(1)).optional(),
  ringTimeoutMs: z.number().int().positive().default(30_000),
  /** How long a dropped peer keeps its id and rooms, silently, waiting to resume. */
  resumeGraceMs: z.number().int().positive().default(30_000),
  /** Where sessions and rooms are handed over across a restart. */
  stateFile: z.string().min(1).optional(),
  ice: iceOptionsSchema.prefault({}),
  /** Directory of the built web client, served over HTTP. */
  webRoot: z.string().min(1).optional(),
});

export type ServerOptions = z.input<typeof serverOptionsSchema>;
export type ServerConfig = z.output<typeof serverOptionsSchema>;
export type IceOptions = ServerConfig['ice'];

/** Hard cap where `ws` closes the socket; anything between the soft cap and this gets `too_large`. */
export function hardPayloadCap(config: ServerConfig): number {
  return Math.max(1024 * 1024, config.maxMessageBytes * 2);
}

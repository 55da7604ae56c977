/** Server options: validated once at start, with the defaults every deployment gets. */
import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from '../shared/protocol';

/** TURN credentials live at most this long: a leaked one is worth little (renewed while a call lasts). */
export const MAX_TURN_TTL_SECONDS = 600;

const iceOptionsSchema = z
  .object({
    stunUrls: z.array(z.string().min(1)).default([]),
    turnUrls: z.array(z.string().min(1)).default([]),
    /** Shared with coturn (`use-auth-secret`): clients get short-lived REST credentials, never a fixed password. */
    turnSecret: z.string().min(1).optional(),
    turnTtlSeconds: z.number().int().positive().max(MAX_TURN_TTL_SECONDS).default(MAX_TURN_TTL_SECONDS),
  })
  .refine((ice) => ice.turnUrls.length === 0 || ice.turnSecret !== undefined, {
    message: 'TURN URLs need a turnSecret to issue credentials',
  });

const count = z.number().int().positive();

/** What a stranger can make the server hold or do, at most. Each has a CLI flag. */
const limitsSchema = z.object({
  /** Open TCP connections in all (HTTP and WebSocket). */
  maxConnections: count.default(10_000),
  /** Open TCP connections from one client address. */
  maxConnectionsPerAddress: count.default(64),
  /** A socket that has not said hello by then is closed. */
  helloTimeoutMs: count.default(5_000),
  /** Rooms one session may be in (its call rooms included). */
  maxRoomsPerSession: count.default(4),
  /** Bytes held for a disconnected peer until it resumes. */
  maxHeldBytes: count.default(1024 * 1024),
  /** Messages per second from one client address, across all its sockets and sessions. */
  addressMessagesPerSecond: z.number().positive().default(1_000),
  addressBurst: count.default(4_000),
  /** New sessions (hellos without a resume) per second from one client address. */
  addressSessionsPerSecond: z.number().positive().default(5),
  addressSessionBurst: count.default(50),
  /** Calls one person may place per minute. */
  ringsPerMinute: count.default(10),
  /** Calls ringing one person at once; more are refused until one ends. */
  maxRingingPerCallee: count.default(3),
  /** Room password guesses per minute from one client address, and for one room. */
  passwordAttemptsPerMinute: count.default(10),
  roomPasswordAttemptsPerMinute: count.default(30),
  /** A person's directory state is announced at most this often; toggles in between coalesce. */
  presenceIntervalMs: count.default(1_000),
});

export const serverOptionsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** PEM contents: serve https/wss. */
  tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  maxParticipants: z.number().int().min(2).max(64).default(6),
  maxMessageBytes: z.number().int().positive().default(MAX_MESSAGE_BYTES),
  /** Per session, across every socket it resumes on. */
  rateLimit: z
    .object({
      messagesPerSecond: z.number().positive().default(50),
      burst: z.number().int().positive().default(200),
    })
    .prefault({}),
  limits: limitsSchema.prefault({}),
  heartbeatMs: z.number().int().positive().default(15_000),
  /** Browser origins allowed besides the server's own (a browser's Origin must be one of them). */
  allowedOrigins: z.array(z.string().min(1)).default([]),
  ringTimeoutMs: z.number().int().positive().default(30_000),
  /** How long a dropped peer keeps its id and rooms, silently, waiting to resume. */
  resumeGraceMs: z.number().int().positive().default(30_000),
  /** Where sessions and rooms are handed over across a restart. */
  stateFile: z.string().min(1).optional(),
  ice: iceOptionsSchema.prefault({}),
  /** Directory of the built web client, served over HTTP. */
  webRoot: z.string().min(1).optional(),
  /** Structured logs (pino) on stderr at this level and above. */
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('silent'),
});

export type ServerOptions = z.input<typeof serverOptionsSchema>;
export type ServerConfig = z.output<typeof serverOptionsSchema>;
export type IceOptions = ServerConfig['ice'];
export type Limits = ServerConfig['limits'];

/** Hard cap where `ws` closes the socket; anything between the soft cap and this gets `too_large`. */
export function hardPayloadCap(config: ServerConfig): number {
  return Math.max(1024 * 1024, config.maxMessageBytes * 2);
}

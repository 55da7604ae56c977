/** Server options: validated once at start, with the defaults every deployment gets. */
import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from '../shared/protocol';
import { isAddressOrRange } from './client-address';

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
export const limitsSchema = z.object({
  maxConnections: count.default(10_000).describe('Open TCP connections in all (HTTP and WebSocket).'),
  maxConnectionsPerAddress: count.default(64).describe('Open TCP connections from one client address.'),
  helloTimeoutMs: count.default(5_000).describe('A socket that has not said hello by then is closed.'),
  maxRoomsPerSession: count.default(4).describe('Rooms one session may be in (its call rooms included).'),
  maxHeldBytes: count.default(1024 * 1024).describe('Bytes held for a disconnected peer until it resumes.'),
  maxHeldBytesTotal: count
    .default(64 * 1024 * 1024)
    .describe('Bytes held for all disconnected peers together.'),
  addressMessagesPerSecond: z
    .number()
    .positive()
    .default(1_000)
    .describe('Messages per second from one client address, across all its sockets and sessions.'),
  addressBurst: count
    .default(4_000)
    .describe('Messages from one client address at once, before its per-second limit applies.'),
  addressSessionsPerSecond: z
    .number()
    .positive()
    .default(5)
    .describe('New sessions (hellos without a resume) per second from one client address.'),
  addressSessionBurst: count.default(50).describe('New sessions from one client address at once.'),
  ringsPerMinute: count.default(10).describe('Calls one person may place per minute.'),
  maxRingingPerCallee: count
    .default(3)
    .describe('Calls ringing one person at once; more are refused until one ends.'),
  maxRingingPerCalleeFromAddress: count
    .default(1)
    .describe('Of those, calls from one caller address (so one place cannot fill the line).'),
  passwordAttemptsPerMinute: count
    .default(10)
    .describe('Room password guesses per minute from one client address.'),
  roomPasswordAttemptsPerMinute: count
    .default(30)
    .describe('Password guesses per minute for one room, from anyone.'),
  presenceIntervalMs: count
    .default(1_000)
    .describe("How often others hear of one person's directory changes, at most (toggles coalesce)."),
});

const serverOptionsShape = z.object({
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
  /** Load balancers (addresses or CIDR ranges) whose `X-Forwarded-For` names the client. */
  trustedProxies: z
    .array(z.string().refine(isAddressOrRange, { message: 'expected an IP address or CIDR range' }))
    .default([]),
  ringTimeoutMs: z.number().int().positive().default(30_000),
  /** How long a dropped peer keeps its id and rooms, silently, waiting to resume. */
  resumeGraceMs: z.number().int().positive().default(30_000),
  /** Where sessions and rooms are handed over across a restart. */
  stateFile: z.string().min(1).optional(),
  /** redis:// URL: share sessions, rooms and delivery with every instance using the same Redis. */
  redis: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * With Redis: an instance silent this long is taken for dead, and its sessions start their
   * grace period. Generous: clients resume elsewhere at once anyway, while taking a merely
   * stalled instance for dead holds its peers' messages in capped inboxes until it is back.
   */
  instanceTimeoutMs: z.number().int().min(2_000).default(15_000),
  ice: iceOptionsSchema.prefault({}),
  /** Directory of the built web client, served over HTTP. */
  webRoot: z.string().min(1).optional(),
  /** Structured logs (pino) on stderr at this level and above. */
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('silent'),
});

// Redis already keeps everything across a restart; two hand-offs would disagree.
export const serverOptionsSchema = serverOptionsShape.refine(
  (options) => options.redis === undefined || options.stateFile === undefined,
  { message: 'redis and stateFile exclude each other: with Redis, state outlives any one instance' },
);

export type ServerOptions = z.input<typeof serverOptionsSchema>;
export type ServerConfig = z.output<typeof serverOptionsSchema>;
export type IceOptions = ServerConfig['ice'];
export type Limits = ServerConfig['limits'];

/** Hard cap where `ws` closes the socket; anything between the soft cap and this gets `too_large`. */
export function hardPayloadCap(config: ServerConfig): number {
  return Math.max(1024 * 1024, config.maxMessageBytes * 2);
}

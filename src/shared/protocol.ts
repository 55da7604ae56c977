/**
 * Parley wire protocol, version 1: every message a client and the signaling
 * server exchange, as zod schemas. The server validates every client message
 * against `clientMessageSchema`; clients may validate server messages with
 * `serverMessageSchema`.
 */
import { z } from './zod';

export const PROTOCOL_VERSION = 1;

/** Soft cap: larger messages are refused with `too_large`, the socket stays open. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const version = z.literal(PROTOCOL_VERSION);
/** Optional client request id, echoed on the reply or error it causes. */
const requestId = z.string().max(64).optional();

const peerIdSchema = z.string().min(1).max(64);
export const roomIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'room ids use letters, digits, - and _');
/**
 * Control, format (bidi overrides, zero-width), line-separator, private and lone-surrogate code
 * points are unreadable or spoof text around them, and the Hangul fillers and blank Braille
 * pattern draw nothing. The zero-width joiner stays: emoji need it.
 */
const UNPRINTABLE = /(?!\u200D)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u115F\u1160\u2800\u3164\uFFA0]/u;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a name needs at least one visible character')
  .max(64)
  .refine((name) => !UNPRINTABLE.test(name), 'a name cannot hold control or invisible characters')
  .refine((name) => VISIBLE.test(name), 'a name needs at least one visible character');

const peerSchema = z.object({ peerId: peerIdSchema, name: displayNameSchema });
export type Peer = z.infer<typeof peerSchema>;

/** What one peer relays to another: session descriptions and ICE candidates. */
const signalPayloadSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('description'),
    description: z.object({
      type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
      sdp: z.string().max(60_000).optional(),
    }),
  }),
  z.object({
    kind: z.literal('candidate'),
    /** null marks the end of candidates. */
    candidate: z
      .object({
        candidate: z.string().max(2_000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(1_000).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable(),
  }),
]);
export type SignalPayload = z.infer<typeof signalPayloadSchema>;

const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

// ---- client → server ----

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    v: version,
    type: z.literal('hello'),
    rid: requestId,
    name: displayNameSchema,
    /** Token from an earlier `welcome`: reclaims that peer id and its rooms. */
    resumeToken: z.string().max(128).optional(),
  }),
  z.object({
    v: version,
    type: z.literal('join'),
    rid: requestId,
    /** Omitted: the server creates a room with an unguessable id. */
    room: roomIdSchema.optional(),
    password: z.string().max(128).optional(),
    /** Rejoining after the server forgot us (a restart): our password may lock the room again. */
    rejoin: z.boolean().optional(),
  }),
  z.object({ v: version, type: z.literal('leave'), rid: requestId, room: roomIdSchema }),
  z.object({
    v: version,
    type: z.literal('signal'),
    rid: requestId,
    room: roomIdSchema,
    to: peerIdSchema,
    payload: signalPayloadSchema,
  }),
  /** Opt in to (or out of) the server's directory of people online. */
  z.object({ v: version, type: z.literal('presence'), rid: requestId, visible: z.boolean() }),
  z.object({ v: version, type: z.literal('ring'), rid: requestId, to: peerIdSchema }),
  z.object({
    v: version,
    type: z.literal('answer-call'),
    rid: requestId,
    callId: z.string().max(64),
    accept: z.boolean(),
  }),
  z.object({ v: version, type: z.literal('cancel-call'), rid: requestId, callId: z.string().max(64) }),
  z.object({ v: version, type: z.literal('ice-servers'), rid: requestId }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage['type'];

// ---- server → client ----

const errorCodeSchema = z.enum([
  'bad_json',
  'unknown_type',
  'invalid_message',
  'unsupported_version',
  'not_authenticated',
  'not_in_room',
  'room_full',
  'wrong_password',
  'peer_not_found',
  'call_not_found',
  'rate_limited',
  'too_large',
  'password_required',
  'room_not_locked',
  'too_many_rooms',
  /** The server lost its shared state store (Redis) for a moment: nothing was done; try again. */
  'unavailable',
  /** Raised by the client itself, never the server: a queued message could not be sent while disconnected. */
  'not_sent',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

const callStateSchema = z.enum([
  'ringing', // to the caller: the callee's devices are ringing
  'incoming', // to the callee
  'accepted', // to both; each is then in `room`
  'declined',
  'cancelled',
  'busy',
  'timeout',
]);
export type CallState = z.infer<typeof callStateSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    v: version,
    type: z.literal('welcome'),
    rid: requestId,
    peerId: peerIdSchema,
    resumeToken: z.string(),
    /** True when the resume token was honoured: same peer id, same rooms. */
    resumed: z.boolean(),
    iceServers: z.array(iceServerSchema),
    /** Rooms this peer is in (non-empty only when resumed). */
    rooms: z.array(z.object({ room: roomIdSchema, members: z.array(peerSchema) })),
  }),
  z.object({
    v: version,
    type: z.literal('joined'),
    rid: requestId,
    room: roomIdSchema,
    /** Everyone else already in the room. */
    members: z.array(peerSchema),
    maxParticipants: z.number().int().positive(),
    /** STUN/TURN for this room's links: TURN credentials go only to people in a room or call. */
    iceServers: z.array(iceServerSchema).optional(),
  }),
  z.object({ v: version, type: z.literal('left'), rid: requestId, room: roomIdSchema }),
  z.object({ v: version, type: z.literal('peer-joined'), room: roomIdSchema, peer: peerSchema }),
  z.object({
    v: version,
    type: z.literal('peer-left'),
    room: roomIdSchema,
    peerId: peerIdSchema,
    reason: z.enum(['left', 'disconnected', 'timeout']),
  }),
  z.object({
    v: version,
    type: z.literal('signal'),
    room: roomIdSchema,
    /** Set by the server from the sender's connection, never by the sender. */
    from: peerIdSchema,
    payload: signalPayloadSchema,
  }),
  /** Full directory, sent when a client opts in. */
  z.object({ v: version, type: z.literal('directory'), peers: z.array(peerSchema) }),
  z.object({ v: version, type: z.literal('online'), peer: peerSchema }),
  z.object({ v: version, type: z.literal('offline'), peerId: peerIdSchema }),
  z.object({
    v: version,
    type: z.literal('call'),
    rid: requestId,
    callId: z.string(),
    state: callStateSchema,
    /** The other party. */
    peer: peerSchema,
    /**
     * The private room of this call. Given from `ringing`/`incoming` on, so
     * both sides can set up their transport (ICE, DTLS) while it rings; media
     * waits for `accepted`.
     */
    room: roomIdSchema,
    /** With `ringing` and `incoming`: STUN/TURN for the call's link. */
    iceServers: z.array(iceServerSchema).optional(),
  }),
  z.object({
    v: version,
    type: z.literal('ice-servers'),
    rid: requestId,
    iceServers: z.array(iceServerSchema),
  }),
  z.object({
    v: version,
    type: z.literal('error'),
    rid: requestId,
    code: errorCodeSchema,
    message: z.string(),
  }),
  /** The server is going away; `restarting` means reconnect and resume. */
  z.object({ v: version, type: z.literal('shutdown'), restarting: z.boolean() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageType = ServerMessage['type'];
/** The server message of a given type. */
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

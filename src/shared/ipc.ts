/**
 * The IPC contract between Electron's main process and the renderer: every
 * channel once, with zod schemas for its argument and result (renderer →
 * main `invoke`) or its payload (main → renderer `event`). The preload API
 * (`window.parley`) and main's handlers are both derived from this map, so a
 * channel cannot drift; main parses every argument with the schema here.
 */
import { z } from './zod';
import { clientMessageSchema, roomIdSchema, serverMessageSchema, displayNameSchema } from './protocol';
import type { TransportStatus, Unsubscribe } from './transport';
import {
  deviceKindSchema,
  deviceChoiceSchema,
  effectNameSchema,
  settingsPatchSchema,
  settingsSchema,
  wsUrlSchema,
} from './settings';

export interface InvokeSpec<A extends z.ZodType, R extends z.ZodType> {
  readonly kind: 'invoke';
  readonly channel: string;
  readonly arg: A;
  readonly result: R;
}

export interface EventSpec<P extends z.ZodType> {
  readonly kind: 'event';
  readonly channel: string;
  readonly payload: P;
}

function invoke<A extends z.ZodType, R extends z.ZodType>(
  channel: string,
  arg: A,
  result: R,
): InvokeSpec<A, R> {
  return { kind: 'invoke', channel, arg, result };
}

function event<P extends z.ZodType>(channel: string, payload: P): EventSpec<P> {
  return { kind: 'event', channel, payload };
}

// ---- payloads ----

const transportStatusSchema: z.ZodType<TransportStatus> = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting'), attempt: z.number().int().min(0) }),
  z.object({ state: z.literal('open'), peerId: z.string(), resumed: z.boolean() }),
  z.object({
    state: z.literal('reconnecting'),
    attempt: z.number().int().min(0),
    retryInMs: z.number().min(0),
  }),
  z.object({ state: z.literal('closed'), reason: z.string().max(500) }),
]);

const mediaDeviceSchema = z.object({
  deviceId: z.string().max(512),
  kind: deviceKindSchema,
  label: z.string().max(256),
});
export type MediaDevice = z.infer<typeof mediaDeviceSchema>;

/** The renderer's device list (it alone can enumerate) and what the call uses now. */
const deviceReportSchema = z.object({
  devices: z.array(mediaDeviceSchema).max(256),
  selected: deviceChoiceSchema,
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

/** What the tray, notifications and power blocker need to know about the call. */
const callSnapshotSchema = z.object({
  phase: z.enum(['idle', 'ringing', 'in-call']),
  roomId: roomIdSchema.optional(),
  micMuted: z.boolean(),
  cameraOff: z.boolean(),
  sharing: z.boolean(),
});
export type CallSnapshot = z.infer<typeof callSnapshotSchema>;

/** Something the user asked for outside the page: tray, notification, global shortcut. */
const callCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('select-device'), kind: deviceKindSchema, deviceId: z.string().max(512) }),
  z.object({ type: z.literal('set-mic-muted'), muted: z.boolean() }),
  z.object({ type: z.literal('set-camera-off'), off: z.boolean() }),
  z.object({ type: z.literal('set-effect'), effect: effectNameSchema, on: z.boolean() }),
  z.object({ type: z.literal('toggle-mic') }),
  z.object({ type: z.literal('start-screen-share') }),
  z.object({ type: z.literal('stop-screen-share') }),
  z.object({ type: z.literal('leave') }),
  z.object({ type: z.literal('answer-call'), callId: z.string().max(64), accept: z.boolean() }),
]);
export type CallCommand = z.infer<typeof callCommandSchema>;

const serverInfoSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    mode: z.enum(['embedded', 'remote']),
    /** Where the signaling client connects. */
    wsUrl: z.string(),
    /** Invite links are `${inviteOrigin}/?room=<roomId>`; a LAN address when allowed. */
    inviteOrigin: z.string(),
    lan: z.boolean(),
    /** SHA-256 of the embedded server's own TLS certificate (LAN mode), for guests to compare. */
    fingerprint: z.string().optional(),
  }),
  z.object({ state: z.literal('failed'), message: z.string() }),
]);
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** The invite link for a room on this server (`<origin>/?room=<id>`), or null while there is no server. */
export function inviteUrlFor(info: ServerInfo, roomId: string): string | null {
  return info.state === 'ready' ? `${info.inviteOrigin}/?room=${encodeURIComponent(roomId)}` : null;
}

const screenSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['screen', 'window']),
  thumbnailDataUrl: z.string(),
  appIconDataUrl: z.string().nullable(),
});
export type ScreenSource = z.infer<typeof screenSourceSchema>;

/** Main asks the renderer to show Parley's picker for one getDisplayMedia call. */
const screenPickRequestSchema = z.object({
  requestId: z.string(),
  sources: z.array(screenSourceSchema),
  /** The computer's sound can go with the share here (see src/main/system-audio.ts). */
  audioAvailable: z.boolean(),
});
export type ScreenPickRequest = z.infer<typeof screenPickRequestSchema>;

const screenChoiceSchema = z.object({
  requestId: z.string().max(64),
  /** null: the user cancelled. */
  sourceId: z.string().max(256).nullable(),
  audio: z.boolean(),
});
export type ScreenChoice = z.infer<typeof screenChoiceSchema>;

const deepLinkSchema = z.object({ roomId: roomIdSchema, serverUrl: z.string().optional() });
export type DeepLinkTarget = z.infer<typeof deepLinkSchema>;

/** Something main could not do as configured, for the page to show (not an error of a call). */
const noticeSchema = z.object({
  code: z.enum(['settings-recovered', 'shortcut-taken', 'no-tray', 'push-to-talk-focused']),
  message: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** macOS camera/microphone access as the OS reports it; 'granted' elsewhere. */
  mediaAccess: z.object({ camera: z.string(), microphone: z.string() }),
});

const httpUrlSchema = z
  .string()
  .max(4_096)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'an http(s) URL');

// ---- the contract ----

export const ipcContract = {
  app: {
    getInfo: invoke('app:get-info', z.void(), appInfoSchema),
    /** Ask the OS for camera/microphone access (macOS); resolves to the answer. */
    requestMediaAccess: invoke('app:request-media-access', z.enum(['camera', 'microphone']), z.boolean()),
    /** A parley:// link opened while the page listens. */
    onDeepLink: event('app:deep-link', deepLinkSchema),
    /** The link that arrived before the page listened (e.g. the one that launched the app); call after subscribing. */
    takeDeepLink: invoke('app:take-deep-link', z.void(), deepLinkSchema.nullable()),
    onNotice: event('app:notice', noticeSchema),
    /** Notices from before the page listened (e.g. at start); call after subscribing. */
    takeNotices: invoke('app:take-notices', z.void(), z.array(noticeSchema)),
    /** Open an http(s) link in the default browser. */
    openExternal: invoke('app:open-external', httpUrlSchema, z.void()),
  },
  server: {
    getInfo: invoke('server:get-info', z.void(), serverInfoSchema),
    /** Use this server until restart or a server setting change, without saving it (a parley:// link the user accepted). */
    visit: invoke('server:visit', wsUrlSchema, serverInfoSchema),
    onInfo: event('server:info', serverInfoSchema),
  },
  signaling: {
    /** Main (re)connects its signaling client under this display name. */
    connect: invoke('signaling:connect', z.object({ name: displayNameSchema }), transportStatusSchema),
    send: invoke('signaling:send', clientMessageSchema, z.void()),
    getStatus: invoke('signaling:get-status', z.void(), transportStatusSchema),
    onMessage: event('signaling:message', serverMessageSchema),
    onStatus: event('signaling:status', transportStatusSchema),
  },
  devices: {
    publish: invoke('devices:publish', deviceReportSchema, z.void()),
  },
  call: {
    publishState: invoke('call:publish-state', callSnapshotSchema, z.void()),
    onCommand: event('call:command', callCommandSchema),
  },
  screen: {
    onPickRequest: event('screen:pick-request', screenPickRequestSchema),
    choose: invoke('screen:choose', screenChoiceSchema, z.void()),
  },
  settings: {
    get: invoke('settings:get', z.void(), settingsSchema),
    update: invoke('settings:update', settingsPatchSchema, settingsSchema),
    onChange: event('settings:changed', settingsSchema),
    /** The tray's "Settings…": the page opens its settings dialog. */
    onOpenRequest: event('settings:open-request', z.void()),
  },
} as const;

type IpcContract = typeof ipcContract;
export type Namespace = keyof IpcContract;

type AnySpec = InvokeSpec<z.ZodType, z.ZodType> | EventSpec<z.ZodType>;

/** The renderer-facing function for one contract entry. */
type ApiMember<S> =
  S extends InvokeSpec<infer A, infer R>
    ? (arg: z.input<A>) => Promise<z.output<R>>
    : S extends EventSpec<infer P>
      ? (listener: (payload: z.output<P>) => void) => Unsubscribe
      : never;

/** `window.parley`: one object per namespace, one method per contract entry. */
export type ParleyApi = {
  readonly [N in Namespace]: { readonly [M in keyof IpcContract[N]]: ApiMember<IpcContract[N][M]> };
};

type InvokeKeys<N extends Namespace> = {
  [M in keyof IpcContract[N]]: IpcContract[N][M] extends { kind: 'invoke' } ? M : never;
}[keyof IpcContract[N]];
export type EventKeys<N extends Namespace> = {
  [M in keyof IpcContract[N]]: IpcContract[N][M] extends { kind: 'event' } ? M : never;
}[keyof IpcContract[N]];

/** What main implements: one handler per invoke entry, given the parsed argument. */
export type IpcHandlers = {
  readonly [N in Namespace]: {
    readonly [M in InvokeKeys<N>]: IpcContract[N][M] extends InvokeSpec<infer A, infer R>
      ? (arg: z.output<A>) => z.input<R> | Promise<z.input<R>>
      : never;
  };
};

/** The payload main sends on one event entry. */
export type EventPayload<N extends Namespace, M extends EventKeys<N>> =
  IpcContract[N][M] extends EventSpec<infer P> ? z.input<P> : never;

/** All specs of the contract, flattened, for code that walks it (preload, main). */
export function contractEntries(): { namespace: Namespace; member: string; spec: AnySpec }[] {
  return (Object.keys(ipcContract) as Namespace[]).flatMap((namespace) =>
    Object.entries(ipcContract[namespace]).map(([member, spec]) => ({
      namespace,
      member,
      spec: spec as AnySpec,
    })),
  );
}

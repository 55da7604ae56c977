/**
 * The desktop app's settings: one zod schema with a default for every field,
 * so a missing or older file still parses into a complete value.
 */
import { z } from './zod';
import { displayNameSchema } from './protocol';

export const deviceKindSchema = z.enum(['audioinput', 'videoinput', 'audiooutput']);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** Remembered device per kind; absent means the system default. */
export const deviceChoiceSchema = z.object({
  audioinput: z.string().max(512).optional(),
  videoinput: z.string().max(512).optional(),
  audiooutput: z.string().max(512).optional(),
});
export type DeviceChoice = z.infer<typeof deviceChoiceSchema>;

/** Media effects, switched per person: RNNoise on the microphone, a blurred background on the camera. */
const effectSettingsSchema = z.object({ noiseSuppression: z.boolean(), backgroundBlur: z.boolean() });
export type EffectSettings = z.infer<typeof effectSettingsSchema>;
export type EffectName = keyof EffectSettings;
export const effectNameSchema = effectSettingsSchema.keyof();

/** The embedded server's default port: fixed so invite links survive a restart. */
const DEFAULT_EMBEDDED_PORT = 47_610;

/** A signaling server address: ws:// or wss://. */
export const wsUrlSchema = z
  .string()
  .max(2_048)
  .refine((value) => URL.canParse(value) && /^wss?:$/.test(new URL(value).protocol), 'a ws:// or wss:// URL');

const serverSettingsSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('embedded'),
    /** "Allow people on my network": bind the LAN address instead of loopback. */
    allowLan: z.boolean().default(false),
    port: z.number().int().min(0).max(65_535).default(DEFAULT_EMBEDDED_PORT),
  }),
  z.object({ mode: z.literal('remote'), url: wsUrlSchema }),
]);
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** An Electron accelerator such as "CommandOrControl+Shift+M". */
const acceleratorSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9+]+$/, 'an accelerator like CommandOrControl+Shift+M');

/** One key chord however it is spelled: "Ctrl+Shift+M" and "Shift+Control+m" are the same keys. */
export function sameKeys(a: string, b: string): boolean {
  const normal = (accelerator: string) => {
    const parts = accelerator.toLowerCase().split('+');
    const key = parts.pop();
    const aliases: Record<string, string> = {
      cmdorctrl: 'commandorcontrol',
      ctrl: 'control',
      cmd: 'command',
      option: 'alt',
    };
    return [key, ...parts.map((part) => aliases[part] ?? part).sort()].join('+');
  };
  return normal(a) === normal(b);
}

const shortcutsSchema = z
  .object({
    toggleMute: acceleratorSchema,
    /** Hold `pushToTalkKey` to talk (anywhere where the OS lets Parley see keys, else in its window). */
    pushToTalk: z.boolean(),
    pushToTalkKey: acceleratorSchema.default('F8'),
  })
  .refine((shortcuts) => !sameKeys(shortcuts.toggleMute, shortcuts.pushToTalkKey), {
    message: 'push-to-talk needs a key of its own, not the mute shortcut',
    path: ['pushToTalkKey'],
  });

const coordinate = z.number().int().min(-100_000).max(100_000);

/** The always-on-top call window: opened by itself when you share or leave the main window in a call. */
const callWindowSchema = z.object({
  auto: z.boolean(),
  /** Where the user left it (main checks it is still on a display before using it). */
  bounds: z
    .object({ x: coordinate, y: coordinate, width: coordinate.min(1), height: coordinate.min(1) })
    .optional(),
});

/** Each top-level field without its default, so a patch leaves absent fields alone. */
const fields = {
  displayName: displayNameSchema.optional(),
  server: serverSettingsSchema,
  devices: deviceChoiceSchema,
  shortcuts: shortcutsSchema,
  language: z.enum(['system', 'en', 'zh-CN']),
  closeToTray: z.boolean(),
  qualityPreset: z.enum(['low', 'medium', 'high']),
  effects: effectSettingsSchema,
  /** Calls use TURN relays only, so peers never learn this computer's addresses. */
  forceRelay: z.boolean(),
  callWindow: callWindowSchema,
};

export const settingsSchema = z.object({
  ...fields,
  server: fields.server.default({ mode: 'embedded', allowLan: false, port: DEFAULT_EMBEDDED_PORT }),
  devices: fields.devices.default({}),
  shortcuts: fields.shortcuts.default({
    toggleMute: 'CommandOrControl+Shift+M',
    pushToTalk: false,
    pushToTalkKey: 'F8',
  }),
  language: fields.language.default('system'),
  closeToTray: fields.closeToTray.default(true),
  qualityPreset: fields.qualityPreset.default('medium'),
  effects: fields.effects.default({ noiseSuppression: false, backgroundBlur: false }),
  forceRelay: fields.forceRelay.default(false),
  callWindow: fields.callWindow.default({ auto: true }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A change to some top-level settings; each given field replaces the stored one whole. */
export const settingsPatchSchema = z.object(fields).partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Every field at its default. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

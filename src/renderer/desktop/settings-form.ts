/**
 * The Settings dialog's form, without React: the saved settings become form
 * state, and the form becomes the patch main is sent, checked first with the
 * same shared schema main checks it with.
 */
import type { ParleyApi } from '../../shared/ipc';
import { sameKeys, settingsPatchSchema, type Settings } from '../../shared/settings';

/** What `window.parley.settings.update` accepts (schema input: defaults may be left out). */
type SettingsPatchInput = Parameters<ParleyApi['settings']['update']>[0];

export interface SettingsForm {
  serverMode: Settings['server']['mode'];
  allowLan: boolean;
  /** Kept while "embedded" is chosen, so switching back and forth loses nothing. */
  remoteUrl: string;
  closeToTray: boolean;
  /** Open the always-on-top call window by itself. */
  callWindowAuto: boolean;
  toggleMute: string;
  pushToTalk: boolean;
  pushToTalkKey: string;
  language: Settings['language'];
  qualityPreset: Settings['qualityPreset'];
  forceRelay: boolean;
}

/** The form fields an error can belong to. */
type FormField = 'remoteUrl' | 'toggleMute' | 'pushToTalkKey';
/** The two keys the dialog records by pressing them. */
export type ShortcutField = 'toggleMute' | 'pushToTalkKey';
export type FormErrors = Partial<Record<FormField, true>>;

export type FormResult = { ok: true; patch: SettingsPatchInput } | { ok: false; errors: FormErrors };

export function formFromSettings(settings: Settings): SettingsForm {
  const { server, shortcuts } = settings;
  return {
    serverMode: server.mode,
    allowLan: server.mode === 'embedded' && server.allowLan,
    remoteUrl: server.mode === 'remote' ? server.url : '',
    closeToTray: settings.closeToTray,
    callWindowAuto: settings.callWindow.auto,
    toggleMute: shortcuts.toggleMute,
    pushToTalk: shortcuts.pushToTalk,
    pushToTalkKey: shortcuts.pushToTalkKey,
    language: settings.language,
    qualityPreset: settings.qualityPreset,
    forceRelay: settings.forceRelay,
  };
}

/**
 * The patch that turns `saved` into what the form says: only the top-level
 * settings that differ, or the fields the shared schema refuses.
 */
export function patchFromForm(form: SettingsForm, saved: Settings): FormResult {
  const shortcuts = {
    toggleMute: form.toggleMute.trim(),
    pushToTalk: form.pushToTalk,
    pushToTalkKey: form.pushToTalkKey.trim(),
  };
  const wanted: SettingsPatchInput = {
    server: serverFromForm(form, saved.server),
    shortcuts,
    language: form.language,
    closeToTray: form.closeToTray,
    qualityPreset: form.qualityPreset,
    forceRelay: form.forceRelay,
    // Where the window was left is not in the form: keep it.
    callWindow: { ...saved.callWindow, auto: form.callWindowAuto },
  };
  const errors: FormErrors = {};
  // A shortcut saved before (or edited by hand) is main's business; a new one must pass here too.
  for (const field of ['toggleMute', 'pushToTalkKey'] as const) {
    if (shortcuts[field] !== saved.shortcuts[field] && !isAccelerator(shortcuts[field])) errors[field] = true;
  }
  // The shared schema refuses this too; said here so the right field is marked.
  if (sameKeys(shortcuts.toggleMute, shortcuts.pushToTalkKey)) errors.pushToTalkKey = true;
  const parsed = settingsPatchSchema.safeParse(wanted);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssue(issue.path);
      if (field) errors[field] = true;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };

  const patch: SettingsPatchInput = {};
  for (const key of Object.keys(wanted) as (keyof SettingsPatchInput)[]) {
    if (JSON.stringify(parsed.data[key]) !== JSON.stringify(saved[key])) {
      Object.assign(patch, { [key]: wanted[key] });
    }
  }
  return { ok: true, patch };
}

function serverFromForm(form: SettingsForm, saved: Settings['server']): SettingsPatchInput['server'] {
  if (form.serverMode === 'remote') return { mode: 'remote', url: form.remoteUrl.trim() };
  // The port is not in the form: keep the saved one, or let the schema's default fill it in.
  return saved.mode === 'embedded'
    ? { mode: 'embedded', allowLan: form.allowLan, port: saved.port }
    : { mode: 'embedded', allowLan: form.allowLan };
}

function fieldOfIssue(path: readonly PropertyKey[]): FormField | null {
  if (path[0] === 'server') return 'remoteUrl';
  if (path[0] === 'shortcuts') return path[1] === 'pushToTalkKey' ? 'pushToTalkKey' : 'toggleMute';
  return null;
}

/**
 * The form after the saved settings changed from `before` to `after` while it
 * was open (a tray pick, the lobby's relay switch): what the user has not
 * edited follows, what they edited stays.
 */
export function rebaseForm(form: SettingsForm, before: Settings, after: Settings): SettingsForm {
  const was = formFromSettings(before);
  const now = formFromSettings(after);
  const rebased = { ...form };
  for (const key of Object.keys(form) as (keyof SettingsForm)[]) {
    if (form[key] === was[key]) Object.assign(rebased, { [key]: now[key] });
  }
  return rebased;
}

/** What main said when it refused a change, without Electron's "Error invoking remote method …" wrapping. */
export function refusalMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
    .replace(/^[\w-]+:[\w-]+: /, '');
}

// ---- the mute shortcut ----

/** The parts of a keydown event an accelerator is made of. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export type RecordedKeys =
  | { kind: 'accelerator'; accelerator: string }
  /** Only modifiers so far: keep listening. */
  | { kind: 'incomplete' }
  /** A key a global shortcut cannot use, or one without Ctrl/Cmd/Alt that would swallow typing everywhere. */
  | { kind: 'refused' };

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS']);
const NAMED_CODES: Record<string, string> = {
  Space: 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
};

/** Electron's name for the physical key pressed (layout-independent), or null when it has none we accept. */
function keyName(code: string): string | null {
  const letterOrDigit = /^(?:Key([A-Z])|Digit([0-9])|Numpad([0-9]))$/.exec(code);
  if (letterOrDigit) {
    const [, letter, digit, numpad] = letterOrDigit;
    return letter ?? digit ?? `num${numpad}`;
  }
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return NAMED_CODES[code] ?? null;
}

/** Turns a keydown into an Electron accelerator: Ctrl on Windows/Linux and Cmd on macOS become CommandOrControl. */
export function recordAccelerator(press: KeyPress, mac: boolean): RecordedKeys {
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'incomplete' };
  const key = keyName(press.code);
  if (!key) return { kind: 'refused' };
  const modifiers = [
    (mac ? press.metaKey : press.ctrlKey) && 'CommandOrControl',
    mac && press.ctrlKey && 'Control',
    !mac && press.metaKey && 'Super',
    press.altKey && 'Alt',
    press.shiftKey && 'Shift',
  ].filter((part): part is string => part !== false);
  const accelerator = [...modifiers, key].join('+');
  return isAccelerator(accelerator) ? { kind: 'accelerator', accelerator } : { kind: 'refused' };
}

const ACCELERATOR_MODIFIERS = new Set([
  'CommandOrControl',
  'CmdOrCtrl',
  'Command',
  'Cmd',
  'Control',
  'Ctrl',
  'Super',
  'Meta',
  'Alt',
  'Option',
  'Shift',
]);

/**
 * A mute shortcut Parley accepts: modifiers Electron knows, then one key, and
 * Ctrl/Cmd/Alt/Super in it unless the key is a function key (so it cannot
 * take a plain letter away from every other app).
 */
export function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  if (
    !/^(?:[A-Z0-9]|num[0-9]|F[0-9]{1,2}|Space|Up|Down|Left|Right|Home|End|PageUp|PageDown|Insert|Delete)$/.test(
      key,
    )
  )
    return false;
  if (parts.some((part) => !ACCELERATOR_MODIFIERS.has(part)) || new Set(parts).size !== parts.length)
    return false;
  const hasCommandKey = parts.some((part) => part !== 'Shift');
  return hasCommandKey || /^F[0-9]{1,2}$/.test(key);
}

/** How the shortcut reads on this platform: "Ctrl+Shift+M", or "⌘+Shift+M" on a Mac. */
export function displayAccelerator(accelerator: string, mac: boolean): string {
  return accelerator
    .split('+')
    .map((part) =>
      part === 'CommandOrControl' || part === 'CmdOrCtrl'
        ? mac
          ? '⌘'
          : 'Ctrl'
        : part === 'Control'
          ? 'Ctrl'
          : part,
    )
    .join('+');
}

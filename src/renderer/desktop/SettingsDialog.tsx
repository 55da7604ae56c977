/**
 * The desktop Settings dialog: a form over main's settings, checked with the
 * shared schema before it is sent and by main when it arrives; what main
 * refuses is shown here. Modal: focus stays inside, Escape closes, and focus
 * goes back where it was.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ParleyApi, ServerInfo } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import {
  displayAccelerator,
  formFromSettings,
  patchFromForm,
  rebaseForm,
  recordAccelerator,
  refusalMessage,
  type FormErrors,
  type SettingsForm,
  type ShortcutField,
} from './settings-form';
import type { SettingsText } from './settings-text';

export interface SettingsDialogProps {
  parley: Pick<ParleyApi, 'settings' | 'server' | 'app'>;
  text: SettingsText;
  onClose(): void;
}

type Status =
  { state: 'editing' } | { state: 'saving' } | { state: 'saved' } | { state: 'refused'; message: string };

const FOCUSABLE = 'button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function SettingsDialog({ parley, text, onClose }: SettingsDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState<Settings | null>(null);
  // The latest saved settings for the change listener, which outlives renders.
  const latest = useRef<Settings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<Status>({ state: 'editing' });
  const [recording, setRecording] = useState<ShortcutField | null>(null);
  const [server, setServer] = useState<ServerInfo | null>(null);
  const [mac, setMac] = useState(false);

  useEffect(() => {
    let live = true;
    const report = (error: unknown) => console.error('Parley settings:', error);
    const unsubscribe = [
      parley.server.onInfo((info) => setServer(info)),
      // Changed elsewhere (a tray device pick, the lobby's relay switch): follow it where the user has not edited.
      parley.settings.onChange((next) => {
        const before = latest.current;
        latest.current = next;
        setSaved(next);
        if (before) setForm((current) => current && rebaseForm(current, before, next));
      }),
    ];
    parley.settings.get().then((settings) => {
      if (!live) return;
      latest.current = settings;
      setSaved(settings);
      setForm(formFromSettings(settings));
    }, report);
    parley.server.getInfo().then((info) => live && setServer((known) => known ?? info), report);
    parley.app.getInfo().then((info) => live && setMac(info.platform === 'darwin'), report);
    return () => {
      live = false;
      for (const stop of unsubscribe) stop();
    };
  }, [parley]);

  // Focus moves into the dialog once the form is there, and back to where it was on close.
  const loaded = form !== null;
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  useEffect(() => {
    if (loaded) dialog.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [loaded]);

  const edit = (change: Partial<SettingsForm>) => {
    setForm((current) => current && { ...current, ...change });
    setStatus({ state: 'editing' });
  };

  async function save() {
    if (!form || !saved) return;
    const result = patchFromForm(form, saved);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) {
      setStatus({ state: 'editing' });
      return;
    }
    setStatus({ state: 'saving' });
    try {
      if (Object.keys(result.patch).length > 0) {
        const stored = await parley.settings.update(result.patch);
        latest.current = stored;
        setSaved(stored);
      }
      setStatus({ state: 'saved' });
    } catch (error) {
      setStatus({ state: 'refused', message: refusalMessage(error) });
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && recording === null) {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab' && dialog.current) {
      const inside = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (element) => !element.matches(':disabled'),
      );
      const first = inside[0];
      const last = inside.at(-1);
      const active = document.activeElement;
      if (event.shiftKey && first && active && sameTabStop(active, first)) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && last && active && sameTabStop(active, last)) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  function onShortcutKey(event: KeyboardEvent<HTMLButtonElement>) {
    const field = recording;
    if (field === null || event.key === 'Tab') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') return setRecording(null);
    const recorded = recordAccelerator(event.nativeEvent, mac);
    if (recorded.kind === 'incomplete') return;
    if (recorded.kind === 'refused') return setErrors((current) => ({ ...current, [field]: true }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setRecording(null);
    edit({ [field]: recorded.accelerator });
  }

  /** The button that shows a shortcut and records a new one when clicked. */
  const shortcutButton = (field: ShortcutField, id: string, described: string) => (
    <button
      id={id}
      type="button"
      className="parley-settings-shortcut"
      aria-invalid={errors[field] ?? false}
      aria-describedby={described}
      onClick={() => setRecording(field)}
      onKeyDown={onShortcutKey}
      onBlur={() => setRecording(null)}
    >
      {recording === field
        ? text.recording
        : `${displayAccelerator(form?.[field] ?? '', mac)} — ${text.change}`}
    </button>
  );

  return (
    <div className="parley-picker-backdrop">
      <div
        ref={dialog}
        className="parley-picker parley-settings"
        role="dialog"
        aria-modal="true"
        aria-labelledby="parley-settings-title"
        onKeyDown={onKeyDown}
      >
        <h2 id="parley-settings-title">{text.title}</h2>
        {form && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
            noValidate
          >
            <fieldset>
              <legend>{text.server}</legend>
              <label>
                <input
                  type="radio"
                  name="parley-server-mode"
                  checked={form.serverMode === 'embedded'}
                  onChange={() => edit({ serverMode: 'embedded' })}
                />
                {text.embedded}
              </label>
              <div className="parley-settings-indent">
                <label>
                  <input
                    type="checkbox"
                    checked={form.allowLan}
                    disabled={form.serverMode !== 'embedded'}
                    onChange={(event) => edit({ allowLan: event.target.checked })}
                  />
                  {text.allowLan}
                </label>
                {saved?.server.mode === 'embedded' && (
                  <InviteAddress server={server} allowLan={saved.server.allowLan} text={text} />
                )}
              </div>
              <label>
                <input
                  type="radio"
                  name="parley-server-mode"
                  checked={form.serverMode === 'remote'}
                  onChange={() => edit({ serverMode: 'remote' })}
                />
                {text.remote}
              </label>
              <div className="parley-settings-indent">
                <Field
                  id="parley-remote-url"
                  label={text.remoteUrl}
                  hint={text.remoteUrlHint}
                  error={errors.remoteUrl && text.remoteUrlError}
                >
                  {(described) => (
                    <input
                      id="parley-remote-url"
                      type="url"
                      spellCheck={false}
                      placeholder="wss://"
                      value={form.remoteUrl}
                      disabled={form.serverMode !== 'remote'}
                      aria-invalid={errors.remoteUrl ?? false}
                      aria-describedby={described}
                      onChange={(event) => edit({ remoteUrl: event.target.value })}
                    />
                  )}
                </Field>
              </div>
              <p className="parley-settings-hint">{text.serverChangeHint}</p>
            </fieldset>

            <fieldset>
              <legend>{text.microphone}</legend>
              <Field
                id="parley-mute-shortcut"
                label={text.muteShortcut}
                hint={text.muteShortcutHint}
                error={errors.toggleMute && text.muteShortcutError}
              >
                {(described) => shortcutButton('toggleMute', 'parley-mute-shortcut', described)}
              </Field>
              <label>
                <input
                  type="checkbox"
                  checked={form.pushToTalk}
                  onChange={(event) => edit({ pushToTalk: event.target.checked })}
                />
                {text.pushToTalk}
              </label>
              <Field
                id="parley-push-to-talk-key"
                label={text.pushToTalkKey}
                hint={text.pushToTalkKeyHint}
                error={errors.pushToTalkKey && text.pushToTalkKeyError}
              >
                {(described) => shortcutButton('pushToTalkKey', 'parley-push-to-talk-key', described)}
              </Field>
            </fieldset>

            <fieldset>
              <legend>{text.privacy}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={form.forceRelay}
                  aria-describedby="parley-force-relay-hint"
                  onChange={(event) => edit({ forceRelay: event.target.checked })}
                />
                {text.forceRelay}
              </label>
              <small id="parley-force-relay-hint" className="parley-settings-hint">
                {text.forceRelayHint}
              </small>
            </fieldset>

            <fieldset>
              <legend>{text.window}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={form.closeToTray}
                  onChange={(event) => edit({ closeToTray: event.target.checked })}
                />
                {text.closeToTray}
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={form.callWindowAuto}
                  onChange={(event) => edit({ callWindowAuto: event.target.checked })}
                />
                {text.callWindowAuto}
              </label>
              <Field id="parley-language" label={text.language} hint={text.languageHint}>
                {(described) => (
                  <select
                    id="parley-language"
                    value={form.language}
                    aria-describedby={described}
                    onChange={(event) => edit({ language: event.target.value as SettingsForm['language'] })}
                  >
                    {(Object.keys(text.languages) as SettingsForm['language'][]).map((language) => (
                      <option key={language} value={language}>
                        {text.languages[language]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="parley-quality" label={text.quality} hint={text.qualityHint}>
                {(described) => (
                  <select
                    id="parley-quality"
                    value={form.qualityPreset}
                    aria-describedby={described}
                    onChange={(event) =>
                      edit({ qualityPreset: event.target.value as SettingsForm['qualityPreset'] })
                    }
                  >
                    {(Object.keys(text.qualities) as SettingsForm['qualityPreset'][]).map((preset) => (
                      <option key={preset} value={preset}>
                        {text.qualities[preset]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </fieldset>

            <SaveStatus status={status} errors={errors} text={text} />
            <div className="parley-picker-actions">
              <button type="button" onClick={onClose}>
                {text.close}
              </button>
              <button type="submit" disabled={status.state === 'saving'}>
                {status.state === 'saving' ? text.saving : text.save}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}

/** A radio group is one tab stop: Tab leaves it from whichever of its radios is focused. */
function sameTabStop(a: Element, b: Element): boolean {
  if (a === b) return true;
  return (
    a instanceof HTMLInputElement && b instanceof HTMLInputElement && a.type === 'radio' && a.name === b.name
  );
}

/** A labelled control with its hint and, when there is one, its error; the child gets the ids to describe it by. */
function Field(props: {
  id: string;
  label: string;
  hint: string;
  error?: string | false | undefined;
  children: (describedBy: string) => ReactNode;
}) {
  const described = props.error ? `${props.id}-error ${props.id}-hint` : `${props.id}-hint`;
  return (
    <div className="parley-settings-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children(described)}
      <small id={`${props.id}-hint`}>{props.hint}</small>
      {props.error && (
        <small id={`${props.id}-error`} className="parley-settings-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** Where people reach the embedded server, as main reports it (it changes when LAN access is saved). */
function InviteAddress(props: { server: ServerInfo | null; allowLan: boolean; text: SettingsText }) {
  const { server, text } = props;
  if (!server) return null;
  return (
    <div className="parley-settings-address">
      <span id="parley-invite-address">{text.inviteAddress}</span>
      <output aria-labelledby="parley-invite-address">
        {server.state === 'ready' ? server.inviteOrigin : `${text.serverNotReady}: ${server.message}`}
      </output>
      {props.allowLan && server.state === 'ready' && !server.lan && <small>{text.noNetwork}</small>}
      {server.state === 'ready' && server.fingerprint && (
        <small>
          {text.certificate} <code className="parley-settings-fingerprint">{server.fingerprint}</code>
        </small>
      )}
    </div>
  );
}

function SaveStatus({ status, errors, text }: { status: Status; errors: FormErrors; text: SettingsText }) {
  if (Object.values(errors).some(Boolean)) {
    return (
      <p role="alert" className="parley-settings-error">
        {text.fixErrors}
      </p>
    );
  }
  if (status.state === 'refused') {
    return (
      <p role="alert" className="parley-settings-error">
        {text.refused} {status.message}
      </p>
    );
  }
  return (
    <p role="status" className="parley-settings-status">
      {status.state === 'saved' ? text.saved : ''}
    </p>
  );
}

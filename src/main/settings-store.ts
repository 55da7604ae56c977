/**
 * Settings persisted as JSON in the user data folder. Writes are atomic (a
 * temp file, flushed, then renamed over the old one) so a crash mid-write
 * never leaves half a file; a file that does not parse is moved aside and the
 * defaults are used, never a crash. No Electron here: main passes the folder.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSettings, settingsSchema, type Settings, type SettingsPatch } from '../shared/settings';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  current(): Settings;
  /** Applies a patch, writes it, and resolves once it is on disk. */
  update(patch: SettingsPatch): Promise<Settings>;
  onChange(listener: (settings: Settings) => void): () => void;
  /** Set when the file on disk was unreadable and was moved here. */
  readonly recoveredFrom: string | undefined;
}

/** Loads (or creates in memory) the settings kept in `folder`. */
export async function openSettingsStore(folder: string): Promise<SettingsStore> {
  const file = join(folder, SETTINGS_FILE);
  const { settings: loaded, movedTo } = await load(file);
  let settings = loaded;
  const listeners = new Set<(settings: Settings) => void>();
  // Writes run one after another so the last update always wins on disk.
  let writes: Promise<unknown> = Promise.resolve();

  return {
    recoveredFrom: movedTo,
    current: () => settings,
    update(patch) {
      settings = settingsSchema.parse({ ...settings, ...patch });
      const snapshot = settings;
      for (const listener of listeners) listener(snapshot);
      const written = writes.then(() => writeAtomically(file, `${JSON.stringify(snapshot, null, 2)}\n`));
      writes = written.catch(() => undefined);
      return written.then(() => snapshot);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function load(file: string): Promise<{ settings: Settings; movedTo?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings() };
    throw error;
  }
  const parsed = settingsSchema.safeParse(parseJson(text));
  if (parsed.success) return { settings: parsed.data };
  // Keep the bad file for the user (or a bug report) instead of overwriting it.
  const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, movedTo);
  return { settings: defaultSettings(), movedTo };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes `text` to `file` so readers see the old or the new content, never a mix. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

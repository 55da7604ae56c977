import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../shared/settings';
import { openSettingsStore, SETTINGS_FILE, writeAtomically } from './settings-store';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parley-settings-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const file = () => join(folder, SETTINGS_FILE);
const onDisk = async () => JSON.parse(await readFile(file(), 'utf8')) as unknown;

describe('settings store', () => {
  it('starts from the defaults when there is no file, without creating one', async () => {
    const store = await openSettingsStore(folder);
    expect(store.current()).toEqual(defaultSettings());
    expect(store.recoveredFrom).toBeUndefined();
    expect(await readdir(folder)).toEqual([]);
  });

  it('persists an update and reads it back in a new store', async () => {
    const store = await openSettingsStore(folder);
    await store.update({ closeToTray: false, devices: { videoinput: 'cam-2' } });
    expect(await onDisk()).toMatchObject({ closeToTray: false, devices: { videoinput: 'cam-2' } });
    const reopened = await openSettingsStore(folder);
    expect(reopened.current().closeToTray).toBe(false);
    expect(reopened.current().devices).toEqual({ videoinput: 'cam-2' });
    expect(reopened.current().server).toEqual(defaultSettings().server);
  });

  it('keeps the last of many quick updates and leaves no temp files', async () => {
    const store = await openSettingsStore(folder);
    await Promise.all(
      ['low', 'high', 'medium', 'low'].map((q) => store.update({ qualityPreset: q as 'low' })),
    );
    expect(await onDisk()).toMatchObject({ qualityPreset: 'low' });
    expect(await readdir(folder)).toEqual([SETTINGS_FILE]);
  });

  it('fills fields missing from an older file with defaults', async () => {
    await writeFile(file(), JSON.stringify({ displayName: 'Ada' }));
    const store = await openSettingsStore(folder);
    expect(store.current()).toEqual({ ...defaultSettings(), displayName: 'Ada' });
  });

  it.each([
    ['broken JSON', '{"closeToTray": tru'],
    ['a wrong type', JSON.stringify({ closeToTray: 'yes' })],
    ['an empty file', ''],
    ['a remote server that is not a ws URL', JSON.stringify({ server: { mode: 'remote', url: 'http://x' } })],
  ])('moves a file with %s aside and uses the defaults', async (_name, content) => {
    await writeFile(file(), content);
    const store = await openSettingsStore(folder);
    expect(store.current()).toEqual(defaultSettings());
    expect(store.recoveredFrom).toMatch(/settings\.json\.corrupt-/);
    expect(await readFile(store.recoveredFrom!, 'utf8')).toBe(content);
    // The next write creates a clean file next to the kept one.
    await store.update({ language: 'zh-CN' });
    expect(await onDisk()).toMatchObject({ language: 'zh-CN' });
    expect((await readdir(folder)).sort()).toHaveLength(2);
  });

  it('tells listeners about every change', async () => {
    const store = await openSettingsStore(folder);
    const seen: string[] = [];
    const off = store.onChange((s) => seen.push(s.language));
    await store.update({ language: 'en' });
    off();
    await store.update({ language: 'zh-CN' });
    expect(seen).toEqual(['en']);
  });
});

describe('writeAtomically', () => {
  it('cleans up its temp file when the final rename fails', async () => {
    // A non-empty folder in the file's place makes the rename fail, even for root.
    await mkdir(join(file(), 'keep'), { recursive: true });
    await expect(writeAtomically(file(), 'new')).rejects.toThrow();
    expect(await readdir(folder)).toEqual([SETTINGS_FILE]);
    expect(await readdir(file())).toEqual(['keep']);
  });

  it('replaces the content whole', async () => {
    await writeFile(file(), 'x'.repeat(10_000));
    await writeAtomically(file(), 'short');
    expect(await readFile(file(), 'utf8')).toBe('short');
  });
});

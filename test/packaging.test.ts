/**
 * What `npm run dist` puts in the package, proven through electron-builder's
 * own evaluation of electron-builder.yml (not a copy of its globs): a real
 * Linux build against a stand-in Electron distribution (no Electron binary
 * can be downloaded here), stopped just before fpm would write the .deb.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../src/main/app-identity';

const projectDir = resolve('.');
/** Why the build cannot run here, if it cannot. */
const unavailable =
  process.platform !== 'linux'
    ? 'the stand-in Electron distribution is Linux’s (CI’s Linux job runs this)'
    : !existsSync(join(projectDir, 'out/main/index.js'))
      ? 'out/ is missing, run `npm run build` first'
      : null;
if (unavailable) console.log(`Packaging test skipped: ${unavailable}`);
const built = unavailable === null;

const ELECTRON_VERSION: string = JSON.parse(
  readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8'),
).version;
// How Electron binaries mark their fuse wire (@electron/fuses keeps these unexported).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

/**
 * A directory shaped like Electron's Linux zip: an `electron` executable that
 * carries the fuse wire as Electron ships it (Node mode, NODE_OPTIONS,
 * --inspect and file:// privileges on; asar-only and integrity off).
 */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const shipped = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([
      Buffer.from('#!stand-in\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, shipped.length, ...shipped]),
    ]),
    { mode: 0o755 },
  );
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
}

interface Packaged {
  /** electron-builder.yml as electron-builder understood it. */
  config: Configuration;
  unpacked: string;
  asarFiles: string[];
  desktopEntry: string;
  fpmArgs: string[];
}

let work: string;
let packaged: Packaged;

beforeAll(async () => {
  if (!built) return;
  work = mkdtempSync(join(tmpdir(), 'parley-dist-'));
  const electronDist = join(work, 'electron');
  standInElectron(electronDist);
  let desktopEntry = '';
  let fpmArgs: string[] = [];
  let config: Configuration = {};
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget(['deb'], Arch.x64),
    publish: 'never',
    config: {
      electronDist,
      electronVersion: ELECTRON_VERSION,
      directories: { output: join(work, 'dist') },
      afterPack: async (context) => {
        config = context.packager.config;
      },
    },
    // Called by the deb target with fpm's arguments and the desktop entry; true stops before fpm runs.
    effectiveOptionComputed: async (options: unknown) => {
      const [args, desktopFile] = options as [string[], string];
      fpmArgs = args;
      desktopEntry = readFileSync(desktopFile, 'utf8');
      return true;
    },
  });
  const unpacked = join(work, 'dist', 'linux-unpacked');
  const asarFiles = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) =>
    file.replaceAll('\\', '/').replace(/^\//, ''),
  );
  packaged = { config, unpacked, asarFiles, desktopEntry, fpmArgs };
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!built)('the package electron-builder makes', () => {
  it('holds the built app and production dependencies only', () => {
    const files = packaged.asarFiles;
    console.log(`app.asar holds ${files.length} entries`);
    expect(files).toContain('package.json');
    expect(files).toContain('out/main/index.js');
    expect(files).toContain('out/preload/index.cjs');
    expect(files).toContain('out/renderer/index.html');
    expect(files.some((file) => file.startsWith('node_modules/ws/'))).toBe(true);
    expect(files.some((file) => file.startsWith('node_modules/zod/'))).toBe(true);
    const topLevel = new Set(files.map((file) => file.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const packages = new Set(
      files.flatMap((file) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? []),
    );
    const { devDependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const name of Object.keys(devDependencies)) expect(packages, name).not.toContain(name);
    // What npm installs for production: our dependencies and theirs, as the lockfile marks them.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([path, info]) => path.includes('node_modules/') && !info.dev)
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    const scopeFolder = (name: string) => name.startsWith('@') && !name.includes('/');
    expect([...packages].filter((name) => !production.has(name) && !scopeFolder(name))).toEqual([]);
    expect(files.filter((file) => /\.(map|[mc]?ts|tsx)$/.test(file))).toEqual([]);
  });

  it('ships the keyboard hook’s prebuilt binaries outside the archive, where the OS can load them', () => {
    const hook = 'node_modules/uiohook-napi/prebuilds';
    for (const platform of [
      'linux-x64',
      'linux-arm64',
      'win32-x64',
      'win32-arm64',
      'darwin-x64',
      'darwin-arm64',
    ])
      expect(
        existsSync(
          join(packaged.unpacked, `resources/app.asar.unpacked/${hook}/${platform}/uiohook-napi.node`),
        ),
        platform,
      ).toBe(true);
    // The JavaScript stays in the archive; Electron redirects the .node load to the unpacked copy.
    expect(packaged.asarFiles).toContain('node_modules/uiohook-napi/dist/index.js');
  });

  it('keeps the tray icons outside the archive, where the OS can read them, macOS templates included', () => {
    for (const state of ['idle', 'in-call', 'muted', 'sharing'])
      for (const variant of ['', 'Template'])
        for (const scale of ['', '@2x'])
          expect(
            existsSync(join(packaged.unpacked, `resources/assets/tray/${state}${variant}${scale}.png`)),
          ).toBe(true);
  });

  it('flips the fuses: no Node mode, NODE_OPTIONS or --inspect; only a verified app.asar', async () => {
    const wire = await getCurrentFuseWire(join(packaged.unpacked, 'parley'));
    const fuse = (option: FuseV1Options) => wire[option];
    expect(fuse(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });

  it('registers parley:// once in the desktop entry', () => {
    const entry = packaged.desktopEntry;
    expect(entry).toMatch(/^Exec=.*parley.* %U$/m);
    expect(entry).toMatch(/^MimeType=x-scheme-handler\/parley;$/m);
    expect(entry).toMatch(/^Name=Parley$/m);
  });

  it('gives the deb a maintainer and a homepage', () => {
    const option = (name: string) => packaged.fpmArgs[packaged.fpmArgs.indexOf(name) + 1];
    expect(option('--maintainer')).toMatch(/^.+ <.+@.+>$/);
    expect(option('--url')).toMatch(/^https:\/\//);
  });

  it('keeps every library electron-builder’s deb needs, adding ours', () => {
    const defaults = (
      FpmTarget.prototype as unknown as { getDefaultDepends(target: string): string[] }
    ).getDefaultDepends('deb');
    expect(defaults.length).toBeGreaterThan(5);
    for (const library of defaults) expect(packaged.config.deb?.depends).toContain(library);
  });

  it('stamps shortcuts with the AppUserModelID main sets, and publishes nothing by itself', () => {
    expect(packaged.config.appId).toBe(APP_ID);
    expect(packaged.config.publish).toBeNull();
  });
});

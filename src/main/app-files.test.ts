import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveAppFile } from './app-files';

const root = resolve('/opt/parley/out/renderer');

describe('resolveAppFile', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppFile('app://parley/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://parley/index.html?room=x#y', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://parley/assets/index-abc.js', root)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile('app://parley/assets/my%20font.woff2', root)).toBe(
      join(root, 'assets', 'my font.woff2'),
    );
  });

  it.each([
    ['dot-dot segments', 'app://parley/../../../etc/passwd'],
    ['encoded dot-dot', 'app://parley/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded backslashes', 'app://parley/..%5c..%5csecret'],
  ])('keeps %s inside the renderer folder', (_name, url) => {
    const file = resolveAppFile(url, root);
    expect(file === null || file.startsWith(root + sep)).toBe(true);
  });

  it.each([
    ['encoded slashes that climb out', 'app://parley/..%2f..%2f..%2fsecret'],
    ['a NUL byte', 'app://parley/index.html%00.png'],
    ['bad escapes', 'app://parley/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['not a URL', 'nonsense'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it('serves the right content types', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });

  it('leaves the CSP to the header: the page carries no meta policy that would narrow it', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    expect(html).not.toMatch(/http-equiv=["']?content-security-policy/i);
  });
});

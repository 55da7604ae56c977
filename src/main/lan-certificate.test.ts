import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lanCertificate } from './lan-certificate';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-tls-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lanCertificate', () => {
  it('keeps one certificate, so the fingerprint guests were told stays true', async () => {
    const dir = folder();
    const first = await lanCertificate(dir, '192.168.1.20');
    const again = await lanCertificate(dir, '192.168.1.20');
    expect(again).toEqual(first);
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'lan-key.pem')).mode & 0o077).toBe(0);
  });

  it('makes a new one when the address changes or the old one nears its end', async () => {
    const dir = folder();
    const now = new Date();
    const first = await lanCertificate(dir, '192.168.1.20', now);
    expect((await lanCertificate(dir, '10.0.0.7', now)).fingerprint).not.toBe(first.fingerprint);
    const current = await lanCertificate(dir, '10.0.0.7', now);
    const later = new Date(now.getTime() + 380 * 86_400_000);
    expect((await lanCertificate(dir, '10.0.0.7', later)).fingerprint).not.toBe(current.fingerprint);
  });

  it('replaces an unreadable file instead of failing', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'lan-cert.pem'), 'not a certificate');
    writeFileSync(join(dir, 'lan-key.pem'), 'not a key');
    expect((await lanCertificate(dir, '192.168.1.20')).cert).toContain('BEGIN CERTIFICATE');
  });
});

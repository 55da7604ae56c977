import { createServer } from 'node:https';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from './self-signed-certificate';

describe('createSelfSignedCertificate', () => {
  it('makes a certificate Node parses and verifies: our name, our addresses, our dates', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const { cert, key } = createSelfSignedCertificate(
      'Parley on ada-laptop',
      ['192.168.1.20', '10.0.0.7'],
      397,
      now,
    );
    const parsed = new X509Certificate(cert);
    expect(parsed.subject).toBe('CN=Parley on ada-laptop');
    expect(parsed.issuer).toBe(parsed.subject);
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(parsed.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(parsed.checkIP('10.0.0.7')).toBe('10.0.0.7');
    expect(parsed.checkIP('192.168.1.21')).toBeUndefined();
    expect(new Date(parsed.validFrom).toISOString()).toBe(now.toISOString());
    expect(new Date(parsed.validTo).toISOString()).toBe('2028-01-02T00:00:00.000Z');
    expect(parsed.ca).toBe(false);
    expect(parsed.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
  });

  it('serves TLS that a client pinned to it accepts, and refuses another certificate', async () => {
    const ours = createSelfSignedCertificate('Parley test', ['127.0.0.1'], 30);
    const other = createSelfSignedCertificate('Someone else', ['127.0.0.1'], 30);
    const server = createServer(ours, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const handshake = (ca: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port, ca }, () => {
          resolve('trusted');
          socket.end();
        });
        socket.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
      });
    try {
      expect(await handshake(ours.cert)).toBe('trusted');
      expect(await handshake(other.cert)).not.toBe('trusted');
    } finally {
      server.close();
    }
  });

  it('refuses what it cannot name', () => {
    expect(() => createSelfSignedCertificate('x', [], 1)).toThrow(/IPv4/);
    expect(() => createSelfSignedCertificate('x', ['parley.local'], 1)).toThrow(/IPv4/);
  });
});

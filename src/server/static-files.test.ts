import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignalingServer, type SignalingServer } from './index';
import { CONTENT_SECURITY_POLICY } from './static-files';

/** A raw GET: the path goes on the wire exactly as written (fetch would normalize `..`). */
function get(
  server: SignalingServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP: web client and health check', () => {
  let dir: string;
  let server: SignalingServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-web-'));
    await mkdir(join(dir, 'root', 'assets'), { recursive: true });
    await writeFile(join(dir, 'root', 'index.html'), '<!doctype html><title>Parley</title>');
    await writeFile(join(dir, 'root', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'root', 'assets', 'app.css'), 'body{}');
    await writeFile(join(dir, 'root', 'assets', 'big.js'), 'console.log("parley");\n'.repeat(2_000));
    await writeFile(join(dir, 'secret.txt'), 'outside the web root');
    await symlink(join(dir, 'secret.txt'), join(dir, 'root', 'assets', 'leak.txt'));
    await symlink(dir, join(dir, 'root', 'up'));
    server = await startSignalingServer({ webRoot: join(dir, 'root') });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for / (invite links carry the room in the query) with a strict CSP', async () => {
    const res = await get(server, '/?room=abc');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Parley</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    // Sockets go to this server only, not to any ws: host a script could name.
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/ws:|wss:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their MIME types', async () => {
    expect((await get(server, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get(server, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(server, '/missing.js')).status).toBe(404);
  });

  it('refuses to leave the web root', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
    ]) {
      const res = await get(server, path);
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('outside the web root');
    }
    expect((await get(server, '/%00')).status).toBe(403);
    // Symlinks inside the root that point out of it lead nowhere.
    for (const path of ['/assets/leak.txt', '/up/secret.txt']) {
      const res = await get(server, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the web root');
    }
  });

  it('serves text compressed as the browser accepts, hashed assets cached for good, the page revalidated', async () => {
    const plain = await get(server, '/assets/big.js');
    const br = await get(server, '/assets/big.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 4);
    const gz = await get(server, '/assets/big.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');

    const page = await get(server, '/');
    expect(page.headers['cache-control']).toBe('no-cache');
    const again = await get(server, '/', { 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.bytes).toHaveLength(0);
  });

  it('answers the health check', async () => {
    const res = await get(server, '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });
});

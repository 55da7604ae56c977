import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignalingServer, type SignalingServer } from './index';
import { CONTENT_SECURITY_POLICY } from './static-files';

/** A raw GET: the path goes on the wire exactly as written (fetch would normalize `..`). */
function get(
  server: SignalingServer,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
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

  it('answers the health check', async () => {
    const res = await get(server, '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });
});

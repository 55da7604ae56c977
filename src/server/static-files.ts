/** HTTP: the built web client (strict CSP, no path traversal) and a health check. */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from '../shared/content-security-policy';
import { chooseEncoding, CompressedFiles } from './compression';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The web client's one policy (src/shared), whose sockets go to this server only. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ connectSrc: ["'self'"] });

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function reply(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Whether `file` is `root` itself or inside it. */
function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + sep);
}

/** The real file (symlinks resolved) that `file` names, or null when it lies outside `realRoot`. */
async function realFileInside(realRoot: string, file: string): Promise<string | null> {
  const real = await realpath(file);
  return isInside(realRoot, real) ? real : null;
}

/** The file under `root` that `urlPath` names, or null when it would escape `root`. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return isInside(root, file) ? file : null;
}

/** The request handler for the HTTP side of the server. */
export function createHttpHandler(
  webRoot: string | undefined,
): (req: IncomingMessage, res: ServerResponse) => void {
  const root = webRoot === undefined ? undefined : resolve(webRoot);
  // Symlinks inside the root may point anywhere: files are checked by their real path.
  const realRoot = root === undefined ? undefined : realpath(root).catch(() => root);
  const compressed = new CompressedFiles();
  /** The real path, size and version (for ETag and cache) of a regular file inside the root, or null. */
  async function servable(file: string): Promise<{ real: string; size: number; version: string } | null> {
    const real = await realFileInside((await realRoot) ?? '', file);
    if (real === null) return null;
    const info = await stat(real);
    return info.isFile() ? { real, size: info.size, version: `${info.size}-${info.mtimeMs}` } : null;
  }
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      reply(res, 405, 'Method not allowed');
      return;
    }
    if (path === '/healthz') {
      reply(res, 200, '{"ok":true}', 'application/json; charset=utf-8');
      return;
    }
    if (root === undefined) {
      reply(res, 404, 'Not found');
      return;
    }
    const file = resolveInside(root, path);
    if (file === null) {
      reply(res, 403, 'Forbidden');
      return;
    }
    servable(file)
      .then((found) => {
        if (!found) {
          reply(res, 404, 'Not found');
          return;
        }
        const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        const etag = `"${found.version}"`;
        const headers = {
          ...SECURITY_HEADERS,
          'Content-Type': type,
          // Vite names built assets by their content hash: they never change under one name.
          'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          ETag: etag,
          Vary: 'Accept-Encoding',
        };
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        const encoding = chooseEncoding(req.headers['accept-encoding'], type, found.size);
        if (encoding) {
          return compressed.get(found.real, found.version, encoding).then((body) => {
            res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
            res.end(req.method === 'HEAD' ? undefined : body);
          });
        }
        res.writeHead(200, { ...headers, 'Content-Length': found.size });
        if (req.method === 'HEAD') res.end();
        else
          createReadStream(found.real)
            .on('error', () => res.destroy())
            .pipe(res);
      })
      // Gone, unreadable or cut mid-way: a 404 if nothing was sent yet.
      .catch(() => (res.headersSent ? res.destroy() : reply(res, 404, 'Not found')));
  };
}

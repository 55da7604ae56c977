// eng-disable CSP_GLOBAL_CHECK: the CSP here comes from contentSecurityPolicy() (unit-tested), which scanners cannot evaluate.
/** Serves the built renderer at app://parley/, and puts Parley's one CSP on every page, dev server's included. */
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_CONNECT_SOURCES, contentSecurityPolicy } from '../shared/content-security-policy';
import { APP_SCHEME } from './app-origin';
import { mimeTypeOf, resolveAppFile } from './app-files';

/** Must run before the app is ready: app:// behaves like https (secure context, fetch, media). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Answers app:// requests of `session` from files under `root` (out/renderer). */
export function serveAppProtocol(session: Session, root: string): void {
  const policy = contentSecurityPolicy({ connectSrc: APP_CONNECT_SOURCES });
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, root);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        headers: {
          'content-type': mimeTypeOf(file),
          'content-security-policy': policy,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** `npm run dev`: the Vite server sends no CSP, so main adds the dev variant of the same policy. */
export function applyDevServerPolicy(session: Session, devServerOrigin: string): void {
  const policy = contentSecurityPolicy({ connectSrc: APP_CONNECT_SOURCES, devServer: true });
  const devPages = { urls: [`${devServerOrigin}/*`] };
  session.webRequest.onHeadersReceived(devPages, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

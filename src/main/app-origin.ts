/**
 * Where Parley's own pages come from: `app://parley/` in a packaged or
 * previewed build, the electron-vite dev server in development. Every trust
 * decision (IPC senders, permissions, navigation) compares origins with these.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'parley';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The app's origins: app://parley, plus the dev server's when one is in use. */
export function appOrigins(devServerUrl: string | undefined): string[] {
  const dev = originOf(devServerUrl);
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

/** The origin of a URL, or null for anything that is not a URL with an origin. */
export function originOf(url: string | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  // Custom schemes report "null" as URL.origin; name them the way Chromium does.
  if (parsed.origin !== 'null') return parsed.origin;
  return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
}

/** True when `url` belongs to one of the app's own origins. */
export function isAppUrl(url: string | undefined, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

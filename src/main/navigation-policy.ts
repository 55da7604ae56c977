/**
 * What happens when a page tries to go somewhere: stay (the app's own pages),
 * open in the default browser (plain http/https links), or nothing at all.
 */
import { isAppUrl } from './app-origin';

export type NavigationDecision = 'stay-in-app' | 'open-externally' | 'refuse';

/** True for http(s) URLs with a host and no embedded credentials. */
export function isSafeExternalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.hostname !== '' &&
    !parsed.username &&
    !parsed.password
  );
}

/** Decides a navigation or window.open: never a new Electron window, never a foreign page in ours. */
export function decideNavigation(url: string, origins: readonly string[]): NavigationDecision {
  if (isAppUrl(url, origins)) return 'stay-in-app';
  return isSafeExternalUrl(url) ? 'open-externally' : 'refuse';
}

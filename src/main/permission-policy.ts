/**
 * Which web permissions Parley's pages get. Pure: the Electron wiring
 * (permissions.ts) asks it for every request and check.
 */
import { isAppUrl } from './app-origin';

/**
 * What a call needs; everything else (geolocation, USB, MIDI, reading the
 * clipboard...) is refused. Writing to the clipboard is the "Copy link" button.
 */
const GRANTABLE = new Set([
  'media',
  'display-capture',
  'notifications',
  'fullscreen',
  'speaker-selection',
  'clipboard-sanitized-write',
]);

export interface PermissionQuery {
  permission: string;
  /** The origin or URL of the frame that asks, as Electron reports it. */
  requestingUrl: string | undefined;
  /** Checks and requests from sub-frames are refused: Parley's pages have none. */
  isMainFrame: boolean;
}

/** Grant only call permissions, only to the app's own main frame. */
export function isPermissionAllowed(query: PermissionQuery, appOrigins: readonly string[]): boolean {
  return GRANTABLE.has(query.permission) && query.isMainFrame && isAppUrl(query.requestingUrl, appOrigins);
}

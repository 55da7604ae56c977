/**
 * The part of the renderer's CallSession the desktop bridge binds to: its
 * public API only, so the bridge can be tested with a stand-in session.
 */
import type { CallSession } from '../engine/CallSession';
import type { LocalMedia } from '../engine/media';

export type DesktopSession = Pick<
  CallSession,
  | 'snapshot'
  | 'on'
  | 'selectDevice'
  | 'setMicMuted'
  | 'setCameraOff'
  | 'startScreenShare'
  | 'stopScreenShare'
  | 'leave'
  | 'accept'
  | 'decline'
  | 'joinRoom'
  | 'setForceRelay'
> & {
  /** Settings' quality preset and effects go to the shared local media. */
  readonly media: Pick<LocalMedia, 'setPreset' | 'setEffects'>;
};

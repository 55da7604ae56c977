/**
 * The part of the renderer's CallSession the desktop bridge binds to: its
 * public API only, so the bridge can be tested with a stand-in session.
 */
import type { CallSession } from '../engine/CallSession';

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
>;

/**
 * With push-to-talk saved, the page starts muted: main unmutes only while
 * the key is held (main's own "start muted" is sent before the page exists).
 */
import type { Settings } from '../../shared/settings';
import type { DesktopSession } from './session-port';

export function startMutedForPushToTalk(session: Pick<DesktopSession, 'setMicMuted'>, saved: Settings): void {
  if (saved.shortcuts.pushToTalk) session.setMicMuted(true);
}

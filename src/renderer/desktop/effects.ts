/**
 * The effects saved in settings, kept in step with the window: the saved ones
 * are applied at start and whenever settings change (a tray click is saved by
 * main first), and a change made in the window, or an effect switched off
 * because it failed, is saved back.
 */
import type { ParleyApi } from '../../shared/ipc';
import type { EffectSettings } from '../../shared/settings';
import type { SessionSnapshot } from '../engine/CallSession';
import type { DesktopSession } from './session-port';

export function syncEffects(
  session: DesktopSession,
  settings: Pick<ParleyApi['settings'], 'onChange' | 'update'>,
  saved: EffectSettings,
  onError: (error: unknown) => void,
): () => void {
  let known = JSON.stringify(saved);
  void session.media.setEffects(saved);
  const stopFollowing = settings.onChange(({ effects }) => {
    // Every other setting change arrives here too.
    if (JSON.stringify(effects) === known) return;
    known = JSON.stringify(effects);
    void session.media.setEffects(effects);
  });
  const stopSaving = session.on('change', ({ effects }: SessionSnapshot) => {
    if (JSON.stringify(effects) === known) return;
    known = JSON.stringify(effects);
    settings.update({ effects }).catch(onError);
  });
  return () => {
    stopFollowing();
    stopSaving();
  };
}

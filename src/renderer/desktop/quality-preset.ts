/**
 * The video quality preset chosen in Settings, applied to the camera at
 * start and whenever it is saved again; a preset picked in the window's own
 * device panel stays until then.
 */
import type { ParleyApi } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import type { DesktopSession } from './session-port';

export function followQualityPreset(
  media: Pick<DesktopSession['media'], 'setPreset'>,
  settings: Pick<ParleyApi['settings'], 'onChange'>,
  saved: Settings['qualityPreset'],
): () => void {
  let applied = saved;
  media.setPreset(saved);
  return settings.onChange(({ qualityPreset }) => {
    // Every other setting change arrives here too.
    if (qualityPreset === applied) return;
    applied = qualityPreset;
    media.setPreset(qualityPreset);
  });
}

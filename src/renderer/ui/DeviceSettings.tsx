/** Camera / microphone / speaker pickers with their effects, audio processing switches and the video quality preset. */
import type { EffectName } from '../engine/effects/MediaEffects';
import type { DeviceKind, QualityPreset } from '../engine/media';
import { Fragment } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useSession, useSnapshot } from './session';

const PICKERS: { kind: DeviceKind; label: MessageKey; effect?: { name: EffectName; label: MessageKey } }[] = [
  { kind: 'videoinput', label: 'camera', effect: { name: 'backgroundBlur', label: 'blurBackground' } },
  { kind: 'audioinput', label: 'microphone', effect: { name: 'noiseSuppression', label: 'removeNoise' } },
  { kind: 'audiooutput', label: 'speaker' },
];

const PROCESSING: { key: 'echoCancellation' | 'noiseSuppression' | 'autoGainControl'; label: MessageKey }[] =
  [
    { key: 'echoCancellation', label: 'echoCancellation' },
    { key: 'noiseSuppression', label: 'noiseSuppression' },
    { key: 'autoGainControl', label: 'autoGainControl' },
  ];

const PRESETS: { preset: QualityPreset; label: MessageKey }[] = [
  { preset: 'low', label: 'presetLow' },
  { preset: 'medium', label: 'presetMedium' },
  { preset: 'high', label: 'presetHigh' },
];

export function DeviceSettings({ full = true }: { full?: boolean }) {
  const { t } = useI18n();
  const session = useSession();
  const snapshot = useSnapshot();

  return (
    <div className="device-settings">
      {PICKERS.map(({ kind, label, effect }) => {
        const devices = snapshot.devices.filter((d) => d.kind === kind);
        if (devices.length === 0) return null;
        return (
          <Fragment key={kind}>
            <label className="field">
              <span>{t(label)}</span>
              <select
                value={snapshot.selected[kind] ?? ''}
                onChange={(event) => void session.selectDevice(kind, event.target.value)}
              >
                {/* Always offered: picking a device must not take the way back to the default away. */}
                <option value="">{t('defaultDevice')}</option>
                {devices.map((device, index) => (
                  <option key={device.deviceId} value={device.deviceId}>
                    {device.label || `${t(label)} ${index + 1}`}
                  </option>
                ))}
              </select>
            </label>
            {effect && (
              <label className="switch">
                <input
                  type="checkbox"
                  checked={snapshot.effects[effect.name]}
                  onChange={(event) => void session.media.setEffects({ [effect.name]: event.target.checked })}
                />
                {t(effect.label)}
              </label>
            )}
          </Fragment>
        );
      })}
      {full && (
        <>
          <fieldset className="switches">
            {PROCESSING.map(({ key, label }) => (
              <label key={key}>
                <input
                  type="checkbox"
                  checked={snapshot.processing[key]}
                  onChange={(event) => void session.media.setAudioProcessing({ [key]: event.target.checked })}
                />
                {t(label)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('videoQuality')}</span>
            <select
              value={snapshot.preset}
              onChange={(event) => session.media.setPreset(event.target.value as QualityPreset)}
            >
              {PRESETS.map(({ preset, label }) => (
                <option key={preset} value={preset}>
                  {t(label)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </div>
  );
}

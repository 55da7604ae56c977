import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/settings';
import { followQualityPreset } from './quality-preset';

describe('followQualityPreset', () => {
  it('applies the saved preset at start and each time Settings saves a different one', () => {
    const applied: string[] = [];
    let notify: (settings: Settings) => void = () => undefined;
    const stop = followQualityPreset(
      { setPreset: (preset) => void applied.push(preset) },
      {
        onChange(listener) {
          notify = listener;
          return () => (notify = () => undefined);
        },
      },
      'low',
    );
    notify({ ...defaultSettings(), qualityPreset: 'low', closeToTray: false });
    notify({ ...defaultSettings(), qualityPreset: 'high' });
    stop();
    notify({ ...defaultSettings(), qualityPreset: 'medium' });
    expect(applied).toEqual(['low', 'high']);
  });
});

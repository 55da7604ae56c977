import { describe, expect, it } from 'vitest';
import { mergeFeatures, pulseSocketPath, systemAudioSupport } from './system-audio';

describe('systemAudioSupport', () => {
  it('offers the loopback on Windows with no switch', () => {
    expect(systemAudioSupport({ platform: 'win32', osRelease: '10.0.22631', pulseServer: false })).toEqual({
      available: true,
      features: [],
    });
  });

  it('uses ScreenCaptureKit on macOS 13–14.1 and the Core Audio tap from 14.2, none before 13', () => {
    const mac = (osRelease: string) =>
      systemAudioSupport({ platform: 'darwin', osRelease, pulseServer: false });
    expect(mac('21.6.0')).toMatchObject({ available: false, why: expect.stringMatching(/macOS 13/) });
    expect(mac('22.6.0')).toEqual({
      available: true,
      features: ['MacLoopbackAudioForScreenShare', 'MacSckSystemAudioLoopbackOverride'],
    });
    expect(mac('23.1.0')).toMatchObject({
      features: expect.arrayContaining(['MacSckSystemAudioLoopbackOverride']),
    });
    expect(mac('23.2.0')).toMatchObject({
      features: expect.arrayContaining(['MacCatapSystemAudioLoopbackCapture']),
    });
    expect(mac('24.1.0')).toMatchObject({
      features: expect.arrayContaining(['MacCatapSystemAudioLoopbackCapture']),
    });
  });

  it('needs a pulse server on Linux', () => {
    expect(systemAudioSupport({ platform: 'linux', osRelease: '6.8.0', pulseServer: true })).toEqual({
      available: true,
      features: ['PulseaudioLoopbackForScreenShare'],
    });
    expect(systemAudioSupport({ platform: 'linux', osRelease: '6.8.0', pulseServer: false })).toMatchObject({
      available: false,
      why: expect.stringMatching(/PulseAudio or PipeWire/),
    });
  });
});

describe('pulseSocketPath', () => {
  it('follows PULSE_SERVER, else the runtime dir', () => {
    expect(pulseSocketPath({ PULSE_SERVER: 'unix:/tmp/p/native' })).toBe('/tmp/p/native');
    expect(pulseSocketPath({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/pulse/native');
    expect(pulseSocketPath({})).toBeNull();
  });
});

describe('mergeFeatures', () => {
  it('keeps features switched on before, once each', () => {
    expect(mergeFeatures('GlobalShortcutsPortal', ['PulseaudioLoopbackForScreenShare'])).toBe(
      'GlobalShortcutsPortal,PulseaudioLoopbackForScreenShare',
    );
    expect(mergeFeatures('', ['A', 'A'])).toBe('A');
  });
});

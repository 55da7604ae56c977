/**
 * Where a screen share can carry the computer's sound, and the Chromium
 * feature switches that turn the loopback on (Electron 45, Chromium 142).
 * Electron's display-media answer takes `audio: 'loopback'`; Chromium then
 * opens its "loopback" input, which is, per platform:
 * - Windows: WASAPI loopback of the default output (no switch needed).
 * - macOS 13+: ScreenCaptureKit audio (`MacLoopbackAudioForScreenShare`, with
 *   `MacSckSystemAudioLoopbackOverride`); from macOS 14.2 the Core Audio tap
 *   (`MacCatapSystemAudioLoopbackCapture`), which leaves global shortcuts alone.
 * - Linux: the monitor of PulseAudio's default sink, PipeWire's pulse server
 *   included (`PulseaudioLoopbackForScreenShare`); without a pulse server there is none.
 * What none of them does through Electron 45 is leave out Parley's own output:
 * Chromium's "loopbackWithoutChrome" (Windows, macOS) is not among Electron's
 * choices, and "loopbackWithMute" silences the speakers instead. The picker
 * says so plainly when "Share sound" is ticked.
 * Pure: screen-share.ts and index.ts wire it.
 */

export type SystemAudioSupport = { available: true; features: string[] } | { available: false; why: string };

export interface Platform {
  platform: NodeJS.Platform;
  /** os.release(): the Darwin version on macOS (22 = macOS 13). */
  osRelease: string;
  /** A PulseAudio (or PipeWire-pulse) server answers here. */
  pulseServer: boolean;
}

const darwinVersion = (osRelease: string): [number, number] => {
  const [major = 0, minor = 0] = osRelease.split('.').map((part) => Number.parseInt(part, 10));
  return [major, minor];
};

export function systemAudioSupport({ platform, osRelease, pulseServer }: Platform): SystemAudioSupport {
  if (platform === 'win32') return { available: true, features: [] };
  if (platform === 'darwin') {
    const [major, minor] = darwinVersion(osRelease);
    if (major < 22)
      return { available: false, why: 'macOS 13 or later is needed to share the computer’s sound.' };
    // Darwin 23.2 is macOS 14.2, the first with Core Audio process taps.
    const coreAudioTap = major > 23 || (major === 23 && minor >= 2);
    return {
      available: true,
      features: [
        'MacLoopbackAudioForScreenShare',
        coreAudioTap ? 'MacCatapSystemAudioLoopbackCapture' : 'MacSckSystemAudioLoopbackOverride',
      ],
    };
  }
  if (platform === 'linux') {
    return pulseServer
      ? { available: true, features: ['PulseaudioLoopbackForScreenShare'] }
      : {
          available: false,
          why: 'Sharing the computer’s sound needs PulseAudio or PipeWire’s pulse server.',
        };
  }
  return { available: false, why: 'This system cannot share the computer’s sound.' };
}

/** Where libpulse looks for the server: PULSE_SERVER, else the user's runtime socket. */
export function pulseSocketPath(env: NodeJS.ProcessEnv): string | null {
  if (env.PULSE_SERVER) return env.PULSE_SERVER.replace(/^unix:/, '');
  return env.XDG_RUNTIME_DIR ? `${env.XDG_RUNTIME_DIR}/pulse/native` : null;
}

/** The `--enable-features` value with `added` merged in (Chromium reads only the last such switch). */
export function mergeFeatures(current: string, added: readonly string[]): string {
  const features = current.split(',').filter(Boolean);
  for (const feature of added) if (!features.includes(feature)) features.push(feature);
  return features.join(',');
}

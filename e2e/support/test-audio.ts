/**
 * A microphone recording made for the noise-suppression test: speech
 * (espeak-ng) over steady noise (sox), in a loop of known segments, for
 * Chromium's `--use-file-for-fake-audio-capture`. Chromium loops the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One loop of the file: noise alone, then speech over the same noise. */
export const LOOP_SECONDS = 8;
export const NOISE_ONLY = { from: 0, to: 4 };
/** Where the sentence is heard: it starts 0.2 s into its half and lasts about 3.1 s. */
export const SPEECH = { from: 4.2, to: 7.2 };

const SENTENCE = 'The quick brown fox jumps over the lazy dog.';

/** Why the file cannot be made here (a tool is missing), or null when it can. */
export function testAudioUnavailable(): string | null {
  for (const tool of ['espeak-ng', 'sox']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (Debian: apt-get install ${tool}); it makes the test's speech and noise`;
    }
  }
  return null;
}

/** Writes the WAV (48 kHz, mono, 16-bit) and returns its path. */
export function makeSpeechOverNoise(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-audio-'));
  const file = (name: string) => join(dir, name);
  const format = ['-r', '48000', '-c', '1', '-b', '16'];
  execFileSync('espeak-ng', ['-v', 'en', '-s', '160', '-w', file('said.wav'), SENTENCE]);
  const half = String(LOOP_SECONDS / 2);
  // Speech at -3 dBFS peak, padded to fill its half of the loop.
  execFileSync('sox', [
    file('said.wav'),
    ...format,
    file('speech.wav'),
    'gain',
    '-n',
    '-3',
    'pad',
    '0.2',
    '0',
    'trim',
    '0',
    half,
  ]);
  execFileSync('sox', ['-n', ...format, file('quiet.wav'), 'trim', '0', half]);
  execFileSync('sox', [file('quiet.wav'), file('speech.wav'), file('voice.wav')]);
  // Steady pink noise, like a fan: about -30 dBFS RMS.
  execFileSync('sox', [
    '-n',
    ...format,
    file('noise.wav'),
    'synth',
    String(LOOP_SECONDS),
    'pinknoise',
    'vol',
    '0.1',
  ]);
  execFileSync('sox', ['-m', '-v', '1', file('voice.wav'), '-v', '1', file('noise.wav'), file('mic.wav')]);
  return file('mic.wav');
}

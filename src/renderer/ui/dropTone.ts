/**
 * The sound of a dropped call: two falling beeps, made with WebAudio so no
 * file ships with the app. Someone whose camera tile just vanished may not be
 * looking at the window; the banner says who, the sound says it happened.
 */
import { audioContext } from '../engine/levels';

const BEEPS = [
  { hz: 660, at: 0 },
  { hz: 440, at: 0.22 },
];
const BEEP_S = 0.18;
const VOLUME = 0.2;

export function playDropTone(): void {
  const context = audioContext();
  for (const { hz, at } of BEEPS) {
    const start = context.currentTime + at;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = hz;
    // A short fade in and out: a hard edge clicks.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(VOLUME, start + 0.02);
    gain.gain.linearRampToValueAtTime(0, start + BEEP_S);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + BEEP_S);
  }
}

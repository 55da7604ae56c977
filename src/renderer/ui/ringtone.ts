/** A ringtone synthesized with WebAudio (two-tone bursts), so no sound file ships. */

/** Starts ringing; the returned function stops it and frees the audio context. */
export function startRingtone(): () => void {
  const context = new AudioContext();
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  for (const frequency of [440, 480]) {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start();
  }
  // 1 s on, 2 s off, like a phone line.
  const schedule = () => {
    const now = context.currentTime;
    gain.gain.setValueAtTime(0.15, now);
    gain.gain.setValueAtTime(0, now + 1);
  };
  schedule();
  const timer = setInterval(schedule, 3_000);
  return () => {
    clearInterval(timer);
    void context.close();
  };
}

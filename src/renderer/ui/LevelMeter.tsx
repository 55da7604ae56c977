/** A live level meter for one audio track (role="meter", so it is announced and testable). */
import { useEffect, useState } from 'react';
import { createLevelMeter, decayed } from '../engine/levels';

function useAudioLevel(track: MediaStreamTrack | null, intervalMs = 50): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) return;
    const meter = createLevelMeter(track);
    const timer = setInterval(() => setLevel((previous) => decayed(previous, meter.level())), intervalMs);
    return () => {
      clearInterval(timer);
      meter.close();
      setLevel(0);
    };
  }, [track, intervalMs]);
  return level;
}

export function LevelMeter({ track, label }: { track: MediaStreamTrack | null; label: string }) {
  const level = useAudioLevel(track);
  const percent = Math.round(level * 100);
  return (
    <div
      className="level"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="level-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

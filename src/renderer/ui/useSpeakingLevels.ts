/** Levels of every remote participant's microphone, and who is loudest, sampled five times a second. */
import { useEffect, useState } from 'react';
import type { Participant } from '../engine/CallSession';
import { createLevelMeter, decayed, loudestSpeaker, type LevelMeter } from '../engine/levels';

export function useSpeakingLevels(participants: Participant[]): {
  levels: Map<string, number>;
  loudest: string | null;
} {
  const [levels, setLevels] = useState<Map<string, number>>(new Map());
  const tracks = participants
    .map((p) => [p.peerId, p.camera?.getAudioTracks()[0] ?? null] as const)
    .filter((entry): entry is readonly [string, MediaStreamTrack] => entry[1] !== null);
  const key = tracks.map(([id, track]) => `${id}:${track.id}`).join(',');

  useEffect(() => {
    const meters = new Map<string, LevelMeter>(tracks.map(([id, track]) => [id, createLevelMeter(track)]));
    const timer = setInterval(() => {
      setLevels(
        (previous) =>
          new Map([...meters].map(([id, meter]) => [id, decayed(previous.get(id) ?? 0, meter.level())])),
      );
    }, 200);
    return () => {
      clearInterval(timer);
      for (const meter of meters.values()) meter.close();
    };
    // `key` names exactly the tracks measured; the array itself is rebuilt every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { levels, loudest: loudestSpeaker(levels) };
}

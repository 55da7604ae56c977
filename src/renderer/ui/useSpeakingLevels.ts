/** Who of the remote participants is loudest, from their microphone levels sampled five times a second. */
import { useEffect, useState } from 'react';
import type { Participant } from '../engine/CallSession';
import { createLevelMeter, decayed, loudestSpeaker, type LevelMeter } from '../engine/levels';

export function useSpeakingLevels(participants: Participant[]): { loudest: string | null } {
  const [loudest, setLoudest] = useState<string | null>(null);
  const tracks = participants
    .map((p) => [p.peerId, p.camera?.getAudioTracks()[0] ?? null] as const)
    .filter((entry): entry is readonly [string, MediaStreamTrack] => entry[1] !== null);
  const key = tracks.map(([id, track]) => `${id}:${track.id}`).join(',');

  useEffect(() => {
    const meters = new Map<string, LevelMeter>(tracks.map(([id, track]) => [id, createLevelMeter(track)]));
    let levels = new Map<string, number>();
    const timer = setInterval(() => {
      levels = new Map([...meters].map(([id, meter]) => [id, decayed(levels.get(id) ?? 0, meter.level())]));
      // The levels stay here: only a new loudest speaker renders the call view again, not every sample.
      setLoudest(loudestSpeaker(levels));
    }, 200);
    return () => {
      clearInterval(timer);
      for (const meter of meters.values()) meter.close();
    };
    // `key` names exactly the tracks measured; the array itself is rebuilt every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { loudest };
}

/**
 * The sound of someone's shared screen, apart from their voice: its own
 * <audio> element, on the chosen speaker, with its own volume control (a
 * film can be turned down without losing the person talking over it).
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { VolumeSlider } from './VolumeSlider';

interface Props {
  stream: MediaStream;
  name: string;
  sinkId: string | null;
}

export function ScreenSound({ stream, name, sinkId }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLAudioElement>(null);
  const [volume, setVolume] = useState(1);
  const sound = stream.getAudioTracks()[0];

  useEffect(() => {
    const audio = ref.current;
    if (!audio || !sound) return;
    audio.srcObject = new MediaStream([sound]);
    audio.play().catch(() => undefined); // autoplay may wait for a gesture; the attribute retries
  }, [sound]);

  useEffect(() => {
    if (ref.current) ref.current.volume = volume;
  }, [volume]);

  useEffect(() => {
    const audio = ref.current;
    if (audio && sinkId) audio.setSinkId(sinkId).catch(() => undefined); // the call's speaker; unsupported: default
  }, [sinkId]);

  if (!sound) return null;
  return (
    <label className="screen-sound">
      <audio ref={ref} autoPlay />
      {t('screenSoundVolume', { name })}
      <VolumeSlider value={volume} onChange={setVolume} />
    </label>
  );
}

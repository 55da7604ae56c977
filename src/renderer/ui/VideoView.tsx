/**
 * A <video> bound to a MediaStream. Marks the first decoded frame it shows
 * (data-first-frame on the element, epoch ms, and a performance mark) so tests
 * and the bench can read time-to-first-frame without polling getStats.
 */
import { useEffect, useRef } from 'react';

interface Props {
  stream: MediaStream | null;
  label: string;
  /** Self view and previews are muted to avoid echo. */
  muted?: boolean;
  mirrored?: boolean;
  /** Speaker device; applied with setSinkId. */
  sinkId?: string | null;
  volume?: number;
  firstFrameMark?: string;
}

export function VideoView({ stream, label, muted = false, mirrored, sinkId, volume, firstFrameMark }: Props) {
  const ref = useRef<HTMLVideoElement | null>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    delete video.dataset.firstFrame;
    if (!stream) return;
    video.play().catch(() => undefined); // autoplay may wait for a gesture; the attribute retries
    const onFrame = () => {
      video.dataset.firstFrame = String(performance.timeOrigin + performance.now());
      if (firstFrameMark) performance.mark(firstFrameMark);
    };
    const handle = video.requestVideoFrameCallback(onFrame);
    return () => video.cancelVideoFrameCallback(handle);
  }, [stream, firstFrameMark]);

  useEffect(() => {
    const video = ref.current;
    if (video && sinkId && video.sinkId !== sinkId) {
      video.setSinkId(sinkId).catch((error: unknown) => console.warn('[parley] setSinkId failed', error));
    }
  }, [sinkId, stream]);

  useEffect(() => {
    if (ref.current && volume !== undefined) ref.current.volume = volume;
  }, [volume]);

  return (
    <video
      ref={ref}
      aria-label={label}
      className={mirrored ? 'video mirrored' : 'video'}
      autoPlay
      playsInline
      muted={muted}
    />
  );
}

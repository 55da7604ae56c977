/**
 * A <video> bound to a MediaStream. Marks the first decoded frame it shows
 * (data-first-frame on the element, epoch ms, and a performance mark) so tests
 * and the bench can read time-to-first-frame without polling getStats.
 * `onPicture` hears whether it shows a picture: not before the first frame,
 * nor while the video track is muted (no frames arrive).
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
  onPicture?(showing: boolean): void;
}

export function VideoView(props: Props) {
  const { stream, label, muted = false, mirrored, sinkId, volume, firstFrameMark, onPicture } = props;
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
    const track = stream?.getVideoTracks()[0];
    if (!video || !track || !onPicture) return;
    let handle = 0;
    const awaitFrame = () => {
      handle = video.requestVideoFrameCallback(() => onPicture(true));
    };
    const onMute = () => onPicture(false);
    onPicture(false);
    awaitFrame();
    track.addEventListener('mute', onMute);
    track.addEventListener('unmute', awaitFrame);
    return () => {
      video.cancelVideoFrameCallback(handle);
      track.removeEventListener('mute', onMute);
      track.removeEventListener('unmute', awaitFrame);
    };
  }, [stream, onPicture]);

  useEffect(() => {
    const video = ref.current;
    // '' is the default speaker: it must be applied too, to come back from a picked one.
    if (video && typeof sinkId === 'string' && video.sinkId !== sinkId) {
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

/**
 * The small call window's contents, rendered from this page into the other
 * window (so the streams and the engine stay here): the active speaker's
 * video and the mute, camera, share and hang-up buttons.
 */
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n';
import { CameraButton, LeaveButton, MicButton, ShareButton } from '../ui/Controls';
import { useSnapshot } from '../ui/session';
import { VideoView } from '../ui/VideoView';
import { activeSpeaker } from './policy';

interface Props {
  target: Window;
  loudest: string | null;
}

export function MiniCallWindow({ target, loudest }: Props) {
  const { t } = useI18n();
  const snapshot = useSnapshot();
  const speaker = activeSpeaker(snapshot.participants, loudest);
  return createPortal(
    <main className="mini-call" aria-label={t('callWindow')}>
      {speaker ? (
        // Muted: the main window's tile already plays their voice.
        <VideoView stream={speaker.camera} label={t('videoOf', { name: speaker.name })} muted />
      ) : (
        <p className="notice">{t('callWindowAlone')}</p>
      )}
      <div className="controls" role="toolbar" aria-label={t('callControls')}>
        <MicButton />
        <CameraButton />
        <ShareButton />
        <LeaveButton />
      </div>
    </main>,
    target.document.body,
  );
}

/** The call's control bar; every button has an accessible name and toggles say their state. */
import { useI18n } from '../i18n';
import { useSession, useSnapshot } from './session';

export type Panel = 'chat' | 'stats' | 'devices' | null;

interface Props {
  panel: Panel;
  unread: number;
  onPanel(panel: Panel): void;
}

export function Controls({ panel, unread, onPanel }: Props) {
  const { t } = useI18n();
  const session = useSession();
  const snapshot = useSnapshot();
  const toggle = (which: Exclude<Panel, null>) => onPanel(panel === which ? null : which);

  return (
    <div className="controls" role="toolbar" aria-label={t('callControls')}>
      <MicButton />
      <CameraButton />
      <button
        type="button"
        aria-label={snapshot.sharing ? t('stopSharing') : t('shareScreen')}
        onClick={() => (snapshot.sharing ? session.stopScreenShare() : void session.startScreenShare())}
      >
        🖥
      </button>
      <button
        type="button"
        aria-expanded={panel === 'devices'}
        aria-label={t('devices')}
        onClick={() => toggle('devices')}
      >
        ⚙
      </button>
      <button
        type="button"
        aria-expanded={panel === 'chat'}
        aria-label={unread > 0 ? t('chatUnread', { count: unread }) : t('chat')}
        onClick={() => toggle('chat')}
      >
        💬{unread > 0 && <span className="unread">{unread}</span>}
      </button>
      <button
        type="button"
        aria-expanded={panel === 'stats'}
        aria-label={t('stats')}
        onClick={() => toggle('stats')}
      >
        📊
      </button>
      <button type="button" className="danger" aria-label={t('leave')} onClick={() => session.leave()}>
        ✆
      </button>
    </div>
  );
}

export function MicButton() {
  const { t } = useI18n();
  const session = useSession();
  const { micMuted, hasAudio } = useSnapshot();
  return (
    <button
      type="button"
      disabled={!hasAudio}
      aria-label={micMuted ? t('unmuteMic') : t('muteMic')}
      onClick={() => session.setMicMuted(!micMuted)}
    >
      {micMuted ? '🔇' : '🎙'}
    </button>
  );
}

export function CameraButton() {
  const { t } = useI18n();
  const session = useSession();
  const { cameraOff, hasVideo } = useSnapshot();
  return (
    <button
      type="button"
      disabled={!hasVideo}
      aria-label={cameraOff ? t('cameraOnAction') : t('cameraOffAction')}
      onClick={() => session.setCameraOff(!cameraOff)}
    >
      {cameraOff ? '🚫' : '🎥'}
    </button>
  );
}

/** The call's control bar; every button has an accessible name and toggles say their state. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import {
  CameraIcon,
  CameraOffIcon,
  ChatIcon,
  LeaveIcon,
  MicIcon,
  MicOffIcon,
  ScreenIcon,
  ScreenStopIcon,
  SettingsIcon,
  StatsIcon,
} from './icons';
import { useSession, useSnapshot } from './session';

export type Panel = 'chat' | 'stats' | 'devices' | null;

interface Props {
  panel: Panel;
  unread: number;
  onPanel(panel: Panel): void;
}

export function Controls({ panel, unread, onPanel }: Props) {
  const { t } = useI18n();
  const toggle = (which: Exclude<Panel, null>) => onPanel(panel === which ? null : which);

  return (
    <div className="controls" role="toolbar" aria-label={t('callControls')}>
      <div className="control-group">
        <MicButton />
        <CameraButton />
        <ShareButton />
      </div>
      <div className="control-group">
        <ControlButton label={t('devices')} expanded={panel === 'devices'} onClick={() => toggle('devices')}>
          <SettingsIcon />
        </ControlButton>
        <ControlButton
          label={unread > 0 ? t('chatUnread', { count: unread }) : t('chat')}
          expanded={panel === 'chat'}
          onClick={() => toggle('chat')}
        >
          <ChatIcon />
          {unread > 0 && (
            <span className="unread" aria-hidden="true">
              {unread}
            </span>
          )}
        </ControlButton>
        <ControlButton label={t('stats')} expanded={panel === 'stats'} onClick={() => toggle('stats')}>
          <StatsIcon />
        </ControlButton>
      </div>
      <LeaveButton />
    </div>
  );
}

export function ShareButton() {
  const { t } = useI18n();
  const session = useSession();
  const { sharing } = useSnapshot();
  return (
    <ControlButton
      label={sharing ? t('stopSharing') : t('shareScreen')}
      state={sharing ? 'active' : undefined}
      onClick={() => (sharing ? session.stopScreenShare() : void session.startScreenShare())}
    >
      {sharing ? <ScreenStopIcon /> : <ScreenIcon />}
    </ControlButton>
  );
}

export function LeaveButton() {
  const { t } = useI18n();
  const session = useSession();
  return (
    <button
      type="button"
      className="control leave"
      aria-label={t('leave')}
      title={t('leave')}
      onClick={() => session.leave()}
    >
      <LeaveIcon />
    </button>
  );
}

interface ControlButtonProps {
  label: string;
  /** 'off' (red, e.g. muted) or 'active' (highlighted, e.g. sharing); the label already says which. */
  state?: 'off' | 'active';
  /** For buttons that open a side panel. */
  expanded?: boolean;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}

/** A round icon button; its label is both the accessible name and the tooltip. */
function ControlButton({ label, state, expanded, disabled, onClick, children }: ControlButtonProps) {
  return (
    <button
      type="button"
      className={['control', state ?? '', expanded ? 'active' : ''].join(' ')}
      aria-label={label}
      aria-expanded={expanded}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function MicButton() {
  const { t } = useI18n();
  const session = useSession();
  const { micMuted, hasAudio } = useSnapshot();
  return (
    <ControlButton
      label={!hasAudio ? t('micUnavailable') : micMuted ? t('unmuteMic') : t('muteMic')}
      state={micMuted || !hasAudio ? 'off' : undefined}
      disabled={!hasAudio}
      onClick={() => session.setMicMuted(!micMuted)}
    >
      {micMuted || !hasAudio ? <MicOffIcon /> : <MicIcon />}
    </ControlButton>
  );
}

export function CameraButton() {
  const { t } = useI18n();
  const session = useSession();
  const { cameraOff, hasVideo } = useSnapshot();
  return (
    <ControlButton
      label={!hasVideo ? t('cameraUnavailable') : cameraOff ? t('cameraOnAction') : t('cameraOffAction')}
      state={cameraOff || !hasVideo ? 'off' : undefined}
      disabled={!hasVideo}
      onClick={() => session.setCameraOff(!cameraOff)}
    >
      {cameraOff || !hasVideo ? <CameraOffIcon /> : <CameraIcon />}
    </ControlButton>
  );
}

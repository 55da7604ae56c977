/** Before a call: name, device preview with level meter, how to get into a room, and people online to ring. */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { CameraButton, MicButton } from './Controls';
import { DeviceSettings } from './DeviceSettings';
import { ErrorNotice } from './ErrorNotice';
import { LevelMeter } from './LevelMeter';
import { PeopleOnline } from './PeopleOnline';
import { RoomChoice } from './RoomChoice';
import { inviteFromAddress } from './roomInput';
import { useSession, useSnapshot } from './session';
import { VideoView } from './VideoView';

export function Lobby() {
  const { t } = useI18n();
  const session = useSession();
  const snapshot = useSnapshot();
  const [name, setName] = useState(snapshot.name);
  // Read on each return to the lobby: the address follows the room we were in.
  const [invite] = useState(() => inviteFromAddress(window.location.search));
  const commitName = () => session.setName(name);

  return (
    <main className="lobby">
      <section className="card preview-card" aria-label={t('preview')}>
        <label className="field">
          <span>{t('displayName')}</span>
          <input
            value={name}
            maxLength={64}
            autoComplete="nickname"
            onChange={(event) => setName(event.target.value)}
            onBlur={commitName}
            onKeyDown={(event) => event.key === 'Enter' && commitName()}
          />
        </label>
        <div className="preview">
          <VideoView stream={session.media.stream} label={t('preview')} muted mirrored />
          <div className="preview-controls">
            <MicButton />
            <CameraButton />
          </div>
        </div>
        <LevelMeter track={snapshot.hasAudio ? session.media.audioTrack : null} label={t('micLevel')} />
        {!snapshot.hasAudio && !snapshot.hasVideo && !snapshot.mediaError && (
          <button type="button" onClick={() => void session.media.acquire()}>
            {t('startPreview')}
          </button>
        )}
        {snapshot.mediaError && (
          <ErrorNotice error={snapshot.mediaError} onRetry={() => void session.media.acquire()} />
        )}
        <DeviceSettings full={false} />
        <div className="switches">
          <Switch label={t('forceRelay')} on={snapshot.forceRelay} set={(on) => session.setForceRelay(on)} />
          <Switch
            label={t('hideAddressWhileRinging')}
            on={snapshot.hideAddressWhileRinging}
            set={(on) => session.setHideAddressWhileRinging(on)}
          />
        </div>
      </section>
      <RoomChoice invitedTo={invite.room} malformed={invite.malformed} beforeJoin={commitName} />
      <PeopleOnline beforeRing={commitName} />
    </main>
  );
}

/** A labelled checkbox for one of the session's privacy choices. */
function Switch({ label, on, set }: { label: string; on: boolean; set(on: boolean): void }) {
  return (
    <label>
      <input type="checkbox" checked={on} onChange={(event) => set(event.target.checked)} />
      {label}
    </label>
  );
}

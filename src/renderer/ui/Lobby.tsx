/** Before a call: name, device preview with level meter, new room / join, and people online to ring. */
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import type { CallEndReason } from '../engine/Ringing';
import { CameraButton, MicButton } from './Controls';
import { DeviceSettings } from './DeviceSettings';
import { ErrorNotice } from './ErrorNotice';
import { PhoneIcon } from './icons';
import { LevelMeter } from './LevelMeter';
import { parseRoomInput } from './roomInput';
import { useSession, useSnapshot } from './session';
import { VideoView } from './VideoView';

const ENDED: Record<CallEndReason, MessageKey> = {
  declined: 'endedDeclined',
  'you-declined': 'endedYouDeclined',
  cancelled: 'endedCancelled',
  busy: 'endedBusy',
  timeout: 'endedTimeout',
  missed: 'endedMissed',
  left: 'endedLeft',
  ended: 'endedEnded',
};

export function Lobby({ initialRoom }: { initialRoom: string }) {
  const { t } = useI18n();
  const session = useSession();
  const snapshot = useSnapshot();
  const [name, setName] = useState(snapshot.name);
  const [roomInput, setRoomInput] = useState(initialRoom);
  const [password, setPassword] = useState('');
  const room = parseRoomInput(roomInput);
  const joining = snapshot.phase === 'joining';

  const commitName = () => session.setName(name);
  const join = (event: FormEvent) => {
    event.preventDefault();
    commitName();
    if (room) session.joinRoom(room, password);
  };

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
          <label>
            <input
              type="checkbox"
              checked={snapshot.forceRelay}
              onChange={(event) => session.setForceRelay(event.target.checked)}
            />
            {t('forceRelay')}
          </label>
        </div>
      </section>

      <section className="card" aria-label={t('joinTitle')}>
        {snapshot.ended && (
          <div className="notice" role="status">
            {t(ENDED[snapshot.ended.reason], { name: snapshot.ended.peer?.name ?? '' })}
          </div>
        )}
        {snapshot.error && <ErrorNotice error={snapshot.error} onDismiss={() => session.clearError()} />}
        <button
          type="button"
          className="primary"
          disabled={joining}
          onClick={() => {
            commitName();
            session.joinRoom(undefined, password);
          }}
        >
          {t('newRoom')}
        </button>
        <form className="join" onSubmit={join}>
          <h2>{t('joinTitle')}</h2>
          <label className="field">
            <span>{t('roomLinkOrCode')}</span>
            <input value={roomInput} onChange={(event) => setRoomInput(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('roomPassword')}</span>
            <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} />
          </label>
          <button type="submit" disabled={!room || joining}>
            {joining ? t('joining') : t('join')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="online-heading">
        <h2 id="online-heading">{t('peopleOnline')}</h2>
        {snapshot.online.length === 0 ? (
          <p>{t('nobodyOnline')}</p>
        ) : (
          <ul className="online" aria-labelledby="online-heading">
            {snapshot.online.map((peer) => (
              <li key={peer.peerId}>
                <span>{peer.name}</span>
                <button
                  type="button"
                  className="call-person"
                  aria-label={t('callPerson', { name: peer.name })}
                  title={t('callPerson', { name: peer.name })}
                  onClick={() => session.ring(peer.peerId)}
                >
                  <PhoneIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

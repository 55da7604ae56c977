/** Ringing, both ways: outgoing with cancel; incoming with accept / decline and a ringtone. */
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { startRingtone } from './ringtone';
import { useSession, useSnapshot } from './session';
import { VideoView } from './VideoView';

export function OutgoingCall() {
  const { t } = useI18n();
  const session = useSession();
  const { call } = useSnapshot();
  const label = t('calling', { name: call?.peer.name ?? '' });
  return (
    <main className="ringing" role="dialog" aria-label={label}>
      <VideoView stream={session.media.stream} label={t('preview')} muted mirrored />
      <h1>{label}</h1>
      <button type="button" className="danger" onClick={() => session.cancelCall()}>
        {t('cancel')}
      </button>
    </main>
  );
}

export function IncomingCall() {
  const { t } = useI18n();
  const session = useSession();
  const { call } = useSnapshot();
  useEffect(() => startRingtone(), []);
  const label = t('incomingCall', { name: call?.peer.name ?? '' });
  return (
    <main className="ringing" role="alertdialog" aria-label={label}>
      <VideoView stream={session.media.stream} label={t('preview')} muted mirrored />
      <h1>{label}</h1>
      <div className="row">
        <button type="button" className="primary" onClick={() => session.accept()}>
          {t('accept')}
        </button>
        <button type="button" className="danger" onClick={() => session.decline()}>
          {t('decline')}
        </button>
      </div>
    </main>
  );
}

/** Ringing dialogs: outgoing with cancel; incoming with accept (with video or audio only) / decline and a ringtone. */
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { startRingtone } from './ringtone';
import { useSession, useSnapshot } from './session';

export function OutgoingCall() {
  const { t } = useI18n();
  const session = useSession();
  const { call } = useSnapshot();
  const label = t('calling', { name: call?.peer.name ?? '' });
  return (
    <div className="ringing" role="dialog" aria-modal="true" aria-label={label}>
      <h1>{label}</h1>
      <button type="button" className="danger" onClick={() => session.cancelCall()}>
        {t('cancel')}
      </button>
    </div>
  );
}

export function IncomingCall() {
  const { t } = useI18n();
  const session = useSession();
  const { call } = useSnapshot();
  useEffect(() => startRingtone(), []);
  const label = t('incomingCall', { name: call?.peer.name ?? '' });
  return (
    <div className="ringing" role="alertdialog" aria-modal="true" aria-label={label}>
      <h1>{label}</h1>
      <p>{t('incomingHint')}</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => session.accept({ video: true })}>
          {t('acceptVideo')}
        </button>
        <button type="button" onClick={() => session.accept({ video: false })}>
          {t('acceptAudio')}
        </button>
        <button type="button" className="danger" onClick={() => session.decline()}>
          {t('decline')}
        </button>
      </div>
    </div>
  );
}

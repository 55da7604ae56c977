/** The one top bar: app name; in a call the invite link, head count; server status and language. */
import type { TransportStatus } from '../../shared/transport';
import { LANGUAGES, useI18n, type Language, type MessageKey } from '../i18n';
import { LockIcon, PeopleIcon } from './icons';
import { InviteLink } from './InviteLink';
import { useSnapshot } from './session';

const SERVER_STATUS: Record<TransportStatus['state'], { key: MessageKey; tone: string }> = {
  open: { key: 'serverOnline', tone: 'ok' },
  connecting: { key: 'connecting', tone: 'warn' },
  reconnecting: { key: 'connecting', tone: 'warn' },
  closed: { key: 'serverOffline', tone: 'bad' },
};

export function TopBar() {
  const { t, language, setLanguage } = useI18n();
  const { phase, inviteLink, locked, participants, connection } = useSnapshot();
  const inCall = phase === 'in-call';
  const status = SERVER_STATUS[connection.state];

  return (
    <header className="topbar">
      <h1 className="brand">{t('appTitle')}</h1>
      {inCall && inviteLink && <InviteLink link={inviteLink} />}
      {inCall && locked && (
        <span className="locked" role="img" aria-label={t('roomLocked')} title={t('roomLocked')}>
          <LockIcon />
        </span>
      )}
      <div className="topbar-end">
        {inCall && (
          <span className="head-count">
            <PeopleIcon />
            {t('inCall', { count: participants.length + 1 })}
          </span>
        )}
        {/* Not a live region: the ConnectionBanner below announces trouble in words. */}
        <span className={`server-status ${status.tone}`}>
          <span className="dot" aria-hidden="true" />
          {t(status.key)}
        </span>
        <label className="language">
          <span className="visually-hidden">{t('language')}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
            {Object.entries(LANGUAGES).map(([code, { label }]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}

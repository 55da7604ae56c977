/**
 * The signaling connection, said plainly when it is not open (with the retry countdown).
 * It floats over the page and lets clicks through: a notice that pushed the page down moved
 * buttons under a pressed mouse (a rename reconnects), and the click was lost.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import type { TransportStatus } from '../../shared/transport';
import { useSnapshot } from './session';

export function ConnectionBanner() {
  return (
    <div className="banner-anchor">
      <BannerText />
    </div>
  );
}

function BannerText() {
  const { t } = useI18n();
  const { connection } = useSnapshot();
  const secondsLeft = useRetryCountdown(connection);

  switch (connection.state) {
    case 'open':
      return null;
    case 'connecting':
      return (
        <div className="notice" role="status">
          {t('serverConnecting')}
        </div>
      );
    case 'reconnecting':
      return (
        <div className="notice error" role="alert" data-error-code="server_unreachable">
          {t('serverUnreachable', { seconds: secondsLeft ?? Math.ceil(connection.retryInMs / 1000) })}
        </div>
      );
    case 'closed':
      return (
        <div className="notice error" role="alert">
          {t('serverClosed', { reason: connection.reason })}
        </div>
      );
  }
}

/** Whole seconds until the next reconnect attempt, ticking down; null until the first tick. */
function useRetryCountdown(connection: TransportStatus): number | null {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  useEffect(() => {
    if (connection.state !== 'reconnecting') return;
    const deadline = Date.now() + connection.retryInMs;
    const timer = setInterval(
      () => setSecondsLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000))),
      250,
    );
    return () => {
      clearInterval(timer);
      setSecondsLeft(null);
    };
  }, [connection]);
  return secondsLeft;
}

/** The app shell: language, the top bar, the server connection banner, and the screen for the call phase. */
import { useEffect, useMemo, useState } from 'react';
import { I18nContext, initialLanguage, rememberLanguage, translator, type Language } from '../i18n';
import { useRoomInAddress } from './address';
import { CallView } from './CallView';
import { ConnectionBanner } from './ConnectionBanner';
import { Lobby } from './Lobby';
import { IncomingCall, OutgoingCall } from './Ringing';
import { useSession, useSnapshot } from './session';
import { TopBar } from './TopBar';

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const i18n = useMemo(
    () => ({
      t: translator(language),
      language,
      setLanguage: (chosen: Language) => {
        rememberLanguage(chosen);
        setLanguage(chosen);
      },
    }),
    [language],
  );
  const session = useSession();
  const { phase, room, inviteLink } = useSnapshot();
  useRoomInAddress(inviteLink ? room : null);

  // Camera and mic open at start and stay warm: the preview stream is the call stream.
  // (After leaving a call they stay off until the person turns them on again.)
  useEffect(() => {
    void session.media.acquire();
  }, [session]);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <TopBar />
        <ConnectionBanner />
        {(phase === 'idle' || phase === 'joining') && <Lobby />}
        {/* Ringing is only ringing: no tiles, no head count, no preview of the callee's camera. */}
        {(phase === 'outgoing' || phase === 'incoming') && (
          <main className="ringing-stage">{phase === 'outgoing' ? <OutgoingCall /> : <IncomingCall />}</main>
        )}
        {phase === 'in-call' && <CallView />}
      </div>
    </I18nContext.Provider>
  );
}

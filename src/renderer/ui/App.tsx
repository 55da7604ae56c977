/** The app shell: language, the top bar, the server connection banner, and the screen for the call phase. */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { I18nContext, initialLanguage, rememberLanguage, translator, type Language } from '../i18n';
import { useRoomInAddress } from './address';
import { ConnectionBanner } from './ConnectionBanner';
import { playDropTone } from './dropTone';
import { Lobby } from './Lobby';
import { IncomingCall, OutgoingCall } from './Ringing';
import { useSession, useSnapshot } from './session';
import { TopBar } from './TopBar';

// The lobby does not need the call view: it loads after the lobby is up, before any call starts.
const loadCallView = () => import('./CallView').then(({ CallView }) => ({ default: CallView }));
const CallView = lazy(loadCallView);

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
    void loadCallView();
  }, [session]);

  // A link that gave up drops the person: the banner says who, the tone makes it heard.
  useEffect(
    () =>
      session.on('error', (error) => {
        if (error.code === 'peer_lost') playDropTone();
      }),
    [session],
  );

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
        {phase === 'in-call' && (
          <Suspense>
            <CallView />
          </Suspense>
        )}
      </div>
    </I18nContext.Provider>
  );
}

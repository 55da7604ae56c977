/** Renderer entry: one LocalMedia, one CallSession, the React app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDesktopBridge } from './desktop/bridge';
import { CallSession } from './engine/CallSession';
import { loadDeviceCertificate } from './engine/deviceCertificate';
import { LocalMedia } from './engine/media';
import { initialLanguage, translator } from './i18n';
import { installTestHook, isTestMode, recordMediaObjects } from './testHook';
import { createTransport, inviteLinkFor } from './transport';
import { App } from './ui/App';
import { SessionContext } from './ui/session';
import './styles.css';

const NAME_KEY = 'parley.name';
const RELAY_KEY = 'parley.forceRelay';

function initialName(): string {
  const saved = localStorage.getItem(NAME_KEY);
  return (
    saved?.trim() ||
    translator(initialLanguage())('guestName', { number: Math.floor(1000 + Math.random() * 9000) })
  );
}

const recorded = isTestMode() ? recordMediaObjects() : null;
// In Electron the preload exposes window.parley: main holds the socket and the tray.
const desktop = window.parley ? createDesktopBridge(window.parley) : null;
const session = new CallSession({
  connect: (name) => {
    localStorage.setItem(NAME_KEY, name);
    return desktop ? desktop.connect(name) : createTransport(name);
  },
  media: new LocalMedia(),
  inviteLink: (room) => (desktop ? desktop.inviteLink(room) : inviteLinkFor(room)),
  name: initialName(),
  forceRelay: localStorage.getItem(RELAY_KEY) === '1',
  // Every link presents this device's one certificate, so verified people stay verified across calls.
  certificate: await loadDeviceCertificate(),
});
session.on('change', ({ forceRelay }) => localStorage.setItem(RELAY_KEY, forceRelay ? '1' : '0'));
desktop?.attach(session);
if (recorded) installTestHook(session, recorded);
window.addEventListener('pagehide', () => session.dispose());

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <App />
    </SessionContext.Provider>
  </StrictMode>,
);

/** In a call: the grid (or a shared screen large with cameras beside it), controls and side panels. */
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { ChatPanel } from './ChatPanel';
import { Controls, type Panel as OpenPanel } from './Controls';
import { DeviceSettings } from './DeviceSettings';
import { ErrorNotice } from './ErrorNotice';
import { LevelMeter } from './LevelMeter';
import { Panel } from './Panel';
import { useSession, useSnapshot } from './session';
import { MiniCallWindow } from '../mini/MiniCallWindow';
import { useMiniWindow } from '../mini/useMiniWindow';
import { ScreenSound } from './ScreenSound';
import { StatsPanel } from './StatsPanel';
import { Tile } from './Tile';
import { useShortcuts } from './useShortcuts';
import { useSpeakingLevels } from './useSpeakingLevels';

export function CallView() {
  const { t } = useI18n();
  const session = useSession();
  const snapshot = useSnapshot();
  const [panel, setPanelState] = useState<OpenPanel>(null);
  const [unread, setUnread] = useState(0);
  const { loudest } = useSpeakingLevels(snapshot.participants);
  const setPanel = (next: OpenPanel) => {
    if (next === 'chat') setUnread(0);
    setPanelState(next);
  };

  // Count messages from others that arrive while the chat panel is closed.
  useEffect(() => {
    if (panel === 'chat') return;
    return session.on('chat', (message) => {
      if (!message.own) setUnread((count) => count + 1);
    });
  }, [session, panel]);
  const sinkId = snapshot.selected.audiooutput;
  const miniWindow = useMiniWindow(snapshot.sharing);

  const shortcuts = {
    m: () => session.setMicMuted(!snapshot.micMuted),
    v: () => session.setCameraOff(!snapshot.cameraOff),
    s: () => (snapshot.sharing ? session.stopScreenShare() : void session.startScreenShare()),
    c: () => setPanel(panel === 'chat' ? null : 'chat'),
    Escape: () => setPanel(null),
  };
  useShortcuts(shortcuts);

  const sharer = snapshot.participants.find((p) => p.sharing && p.screen);
  const screenTrack = session.media.screenTrack;
  const ownScreen = useMemo(() => (screenTrack ? new MediaStream([screenTrack]) : null), [screenTrack]);
  const tiles = [
    <Tile
      key="self"
      peerId={snapshot.selfId ?? 'self'}
      name={snapshot.name}
      stream={session.media.stream}
      self
      micMuted={snapshot.micMuted || !snapshot.hasAudio}
      cameraOff={snapshot.cameraOff || !snapshot.hasVideo}
    />,
    // The presenter sees what they share.
    ...(ownScreen
      ? [
          <Tile
            key="self-screen"
            peerId={`${snapshot.selfId ?? 'self'}:screen`}
            name={snapshot.name}
            stream={ownScreen}
            self
            screen
            micMuted={false}
            cameraOff={false}
          />,
        ]
      : []),
    ...snapshot.participants.map((p) => (
      <Tile
        key={p.peerId}
        peerId={p.peerId}
        name={p.name}
        stream={p.camera}
        micMuted={p.micMuted}
        cameraOff={p.cameraOff}
        link={p.link}
        quality={p.stats?.quality ?? 'unknown'}
        speaking={loudest === p.peerId}
        sinkId={sinkId}
        code={p.code}
        trust={p.trust}
        onVerified={() => session.markVerified(p.peerId)}
        onResetVerification={() => session.resetVerification(p.peerId)}
      />
    )),
  ];

  return (
    <main className="call">
      {miniWindow && <MiniCallWindow target={miniWindow} loudest={loudest} />}
      {snapshot.error && <ErrorNotice error={snapshot.error} onDismiss={() => session.clearError()} />}
      {!snapshot.hasAudio && !snapshot.hasVideo && <p className="notice">{t('receiveOnly')}</p>}
      {snapshot.sharing && (
        <div className="notice presenting" role="status">
          <p>{t('presenting')}</p>
          <button type="button" onClick={() => session.stopScreenShare()}>
            {t('stopPresenting')}
          </button>
        </div>
      )}
      {snapshot.inviteLink && snapshot.participants.length === 0 && (
        <p className="notice" role="status">
          {t(snapshot.createdRoom ? 'aloneCreated' : 'aloneJoined')}
        </p>
      )}
      <div className="call-body">
        {sharer?.screen ? (
          <div className="stage">
            <div className="cell">
              <Tile
                peerId={sharer.peerId}
                name={sharer.name}
                stream={sharer.screen}
                screen
                micMuted={false}
                cameraOff={false}
                trust={sharer.trust}
              />
              <ScreenSound stream={sharer.screen} name={sharer.name} sinkId={sinkId} />
            </div>
            <section className="strip" aria-label={t('participants')}>
              {tiles}
            </section>
          </div>
        ) : (
          <div className="grid-area">
            <section className={`grid grid-${Math.min(tiles.length, 6)}`} aria-label={t('participants')}>
              {tiles.map((tile) => (
                // Each cell is a size container, so the tile inside can be the largest 16:9 that fits.
                <div key={tile.key} className="cell">
                  {tile}
                </div>
              ))}
            </section>
          </div>
        )}
        {panel === 'chat' && <ChatPanel onClose={() => setPanel(null)} />}
        {panel === 'stats' && <StatsPanel onClose={() => setPanel(null)} />}
        {panel === 'devices' && (
          <Panel className="devices" role="dialog" title={t('devices')} onClose={() => setPanel(null)}>
            <DeviceSettings />
          </Panel>
        )}
      </div>
      <footer className="call-footer">
        <LevelMeter
          track={snapshot.hasAudio && !snapshot.micMuted ? session.media.audioTrack : null}
          label={t('micLevel')}
        />
        <Controls panel={panel} unread={unread} onPanel={setPanel} />
        <p className="hint">{t('shortcuts')}</p>
      </footer>
    </main>
  );
}

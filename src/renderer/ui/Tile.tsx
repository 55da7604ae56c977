/** One person's video tile: name, mute and camera-off marks, quality, reconnecting, volume, snapshot, verification. */
import { useRef, useState } from 'react';
import type { LinkState } from '../engine/PeerLink';
import type { ConnectionQuality } from '../engine/stats';
import type { Trust } from '../engine/trust';
import { captureFrame, saveBlob, snapshotFileName } from '../engine/snapshot';
import { useI18n, type MessageKey } from '../i18n';
import { CameraOffIcon, MicOffIcon, SnapshotIcon } from './icons';
import { VideoView } from './VideoView';
import { KeyChangedWarning, VerifiedMark, VerifyActions, VerifyPanel } from './Verification';
import { VolumeSlider } from './VolumeSlider';

export interface TileProps {
  peerId: string;
  name: string;
  stream: MediaStream | null;
  self?: boolean;
  micMuted: boolean;
  cameraOff: boolean;
  link?: LinkState;
  quality?: ConnectionQuality;
  speaking?: boolean;
  level?: number;
  sinkId?: string | null;
  /** A screen share: shown large, no audio. */
  screen?: boolean;
  /** A remote person's link code and what the user knows of their key; media waits while pending or changed. */
  code?: string[] | null;
  trust?: Trust | 'pending';
  onVerified?(): void;
  onResetVerification?(): void;
}

const QUALITY_KEY: Record<ConnectionQuality, MessageKey> = {
  good: 'qualityGood',
  fair: 'qualityFair',
  poor: 'qualityPoor',
  unknown: 'qualityUnknown',
};

export function Tile(props: TileProps) {
  const { t } = useI18n();
  const tile = useRef<HTMLDivElement>(null);
  const [volume, setVolume] = useState(1);
  const [showing, setShowing] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const label = props.screen
    ? props.self
      ? t('yourScreen')
      : t('screenOf', { name: props.name })
    : props.name;
  // Nothing of theirs plays before their key is known, nor after it changed until the user decides.
  const withheld = props.trust === 'pending' || props.trust === 'changed';
  // A camera that sends no frames gets the placeholder too, not a black tile.
  const covered = withheld || (!props.screen && (props.cameraOff || !showing));
  const verifiable = !props.self && !props.screen && props.code;
  const status = linkStatus(props.link);

  const snapshot = () => {
    const video = tile.current?.querySelector('video');
    if (!video) return;
    captureFrame(video)
      .then((blob) => saveBlob(blob, snapshotFileName(label)))
      .catch((error: unknown) => console.warn('[parley] snapshot failed', error));
  };

  return (
    // A div, not a figure: ARIA allows no group role on <figure>.
    <div
      ref={tile}
      className={['tile', props.speaking ? 'speaking' : '', props.screen ? 'screen' : ''].join(' ')}
      role="group"
      aria-label={label}
      data-peer-id={props.peerId}
    >
      <VideoView
        stream={props.stream}
        label={props.screen ? label : t('videoOf', { name: props.name })}
        muted={props.self || props.screen || withheld}
        mirrored={props.self && !props.screen}
        sinkId={props.self || props.screen ? undefined : props.sinkId}
        volume={volume}
        firstFrameMark={
          props.self ? undefined : `parley:first-frame:${props.peerId}${props.screen ? ':screen' : ''}`
        }
        onPicture={setShowing}
      />
      {covered && (
        <div className="camera-off-cover">
          <span className="avatar">{initials(props.name)}</span>
        </div>
      )}
      {verifiable && props.trust === 'changed' && !verifying && (
        <KeyChangedWarning
          name={props.name}
          onCompare={() => setVerifying(true)}
          onShowAnyway={() => props.onResetVerification?.()}
        />
      )}
      {verifiable && verifying && (
        <VerifyPanel
          name={props.name}
          code={props.code ?? []}
          onMatch={() => {
            setVerifying(false);
            props.onVerified?.();
          }}
          onCancel={() => setVerifying(false)}
        />
      )}
      {status && (
        <div className="tile-status" role="status">
          {t(status)}
        </div>
      )}
      <div className="tile-caption">
        <span className="tile-name">
          {props.self && !props.screen ? `${props.name} (${t('you')})` : label}
        </span>
        {props.micMuted && !props.screen && (
          <span className="badge off" role="img" aria-label={t('muted')} title={t('muted')}>
            <MicOffIcon />
          </span>
        )}
        {props.cameraOff && !props.screen && (
          <span className="badge off" role="img" aria-label={t('cameraIsOff')} title={t('cameraIsOff')}>
            <CameraOffIcon />
          </span>
        )}
        {props.trust === 'verified' && !props.screen && <VerifiedMark />}
        {props.quality && !props.screen && (
          <span
            className={`quality quality-${props.quality}`}
            role="img"
            aria-label={t('quality', { quality: t(QUALITY_KEY[props.quality]) })}
            title={t('quality', { quality: t(QUALITY_KEY[props.quality]) })}
          />
        )}
      </div>
      <div className="tile-actions">
        {!props.self && !props.screen && (
          <VolumeSlider value={volume} onChange={setVolume} label={t('volumeOf', { name: props.name })} />
        )}
        {verifiable && props.trust !== 'changed' && (
          <VerifyActions
            name={props.name}
            verified={props.trust === 'verified'}
            onVerify={() => setVerifying(true)}
            onReset={() => props.onResetVerification?.()}
          />
        )}
        <button
          type="button"
          className="icon"
          aria-label={t('snapshot', { name: label })}
          title={t('snapshot', { name: label })}
          onClick={snapshot}
        >
          <SnapshotIcon />
        </button>
      </div>
    </div>
  );
}

function linkStatus(link: LinkState | undefined): MessageKey | null {
  switch (link) {
    case 'new':
    case 'connecting':
      return 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'failed':
      return 'connectionLost';
    default:
      return null;
  }
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

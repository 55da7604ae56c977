/**
 * Test hook, installed only when the page is opened with `?test=1`:
 * `window.__parleyTest` lets end-to-end tests and the bench read what the
 * wire carries (getStats counters per participant) and check cleanup (every
 * RTCPeerConnection and media track the page ever made is recorded here).
 * It never changes behaviour, but for the bench's blur size knob; a normal page load does not have it.
 */
import type { CallSession } from './engine/CallSession';
import { summarizeStats, type InboundStream } from './engine/stats';
import type { BlurStats } from './engine/effects/compositor';

interface ParleyTestHook {
  /** Inbound RTP streams from one participant, with raw counters (framesDecoded, bytesReceived…); camera video first. */
  inbound(peerId: string): Promise<InboundStream[]>;
  /** The selected candidate pair's local candidate type for one participant. */
  candidateType(peerId: string): Promise<string | null>;
  /** Types of the candidates the other side has given this link (host, srflx, prflx, relay). */
  remoteCandidateTypes(peerId: string): Promise<string[]>;
  /** Labels of the local tracks the engine sends now. */
  localTrackLabels(): { audio: string | null; video: string | null };
  /** Media tracks this page ever opened that are still live. */
  liveTrackCount(): number;
  /** RTCPeerConnections this page ever made that are not closed. */
  openConnectionCount(): number;
  /** sinkId of every media element on the page that plays remote audio. */
  sinkIds(): string[];
  peerIds(): string[];
  /** Each participant's link state (e.g. 'connected' while a call still rings). */
  linkStates(): Record<string, string>;
  /** Fires 'ended' on the screen track, as the browser's own "Stop sharing" button does. */
  endScreenShareFromBrowser(): void;
  /** What the background blur has cost so far (frames drawn, main-thread time). */
  blurStats(): BlurStats;
  /** The bench's knob: the blur's output height from the next time it starts (default 360). */
  setBlurOutputHeight(lines: number): void;
}

declare global {
  interface Window {
    __parleyTest?: ParleyTestHook;
  }
}

export function isTestMode(search: string = window.location.search): boolean {
  return new URLSearchParams(search).get('test') === '1';
}

/** Records every peer connection and media track; must run before the engine makes any. */
export function recordMediaObjects(): { connections: RTCPeerConnection[]; tracks: MediaStreamTrack[] } {
  const connections: RTCPeerConnection[] = [];
  const tracks: MediaStreamTrack[] = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      connections.push(this);
    }
  };
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  const getDisplayMedia = devices.getDisplayMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  devices.getDisplayMedia = async (options) => {
    const stream = await getDisplayMedia(options);
    tracks.push(...stream.getTracks());
    return stream;
  };
  return { connections, tracks };
}

export function installTestHook(session: CallSession, recorded: ReturnType<typeof recordMediaObjects>): void {
  const statsOf = async (peerId: string) => {
    const link = session.linkTo(peerId);
    if (!link) return null;
    return summarizeStats(await link.getStats(), null, null).stats;
  };
  // getStats lists streams in no fixed order: once a screen share arrives, put the camera first.
  const cameraFirst = (peerId: string, streams: InboundStream[]) => {
    const cameraId = session.linkTo(peerId)?.remoteCamera?.getVideoTracks()[0]?.id;
    return streams.toSorted(
      (a, b) => Number(b.trackIdentifier === cameraId) - Number(a.trackIdentifier === cameraId),
    );
  };
  window.__parleyTest = {
    inbound: async (peerId) => cameraFirst(peerId, (await statsOf(peerId))?.inbound ?? []),
    candidateType: async (peerId) => (await statsOf(peerId))?.candidateType ?? null,
    remoteCandidateTypes: async (peerId) => {
      const types: string[] = [];
      (await session.linkTo(peerId)?.getStats())?.forEach(
        (stat: { type: string; candidateType?: string }) => {
          if (stat.type === 'remote-candidate' && stat.candidateType) types.push(stat.candidateType);
        },
      );
      return types;
    },
    localTrackLabels: () => ({
      audio: session.media.audioTrack?.label ?? null,
      video: session.media.videoTrack?.label ?? null,
    }),
    liveTrackCount: () => recorded.tracks.filter((track) => track.readyState === 'live').length,
    openConnectionCount: () => recorded.connections.filter((pc) => pc.connectionState !== 'closed').length,
    sinkIds: () =>
      [...document.querySelectorAll<HTMLVideoElement>('video')].filter((v) => !v.muted).map((v) => v.sinkId),
    peerIds: () => session.snapshot.participants.map((p) => p.peerId),
    linkStates: () => Object.fromEntries(session.snapshot.participants.map((p) => [p.peerId, p.link])),
    endScreenShareFromBrowser: () => {
      const track = session.media.screenTrack;
      track?.stop(); // stop() alone fires no event; the browser's button does both
      track?.dispatchEvent(new Event('ended'));
    },
    blurStats: () => ({ ...session.media.effects.blur.stats }),
    setBlurOutputHeight: (lines) => {
      session.media.effects.blur.outputHeight = lines;
    },
  };
}

/**
 * One RTCPeerConnection to one remote peer, with perfect negotiation
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example), trickle
 * ICE, queued early candidates, ICE restart with backoff, and one negotiated
 * data channel. It knows nothing about rooms, UI or the signaling socket:
 * signals go out through `sendSignal` and come in through `handleSignal`.
 *
 * Media layout, fixed so both ends agree without extra messages:
 * the initiator creates one audio and one video transceiver (the camera) at
 * construction. The other side adopts the first audio and video transceivers
 * of the first offer as its camera. Any further video transceiver is a
 * screen share.
 *
 * Fast start, private: while `sending` is false (a call still ringing) the
 * camera senders carry no track at all, so nothing from the microphone or
 * camera can leave the machine in any browser (an inactive encoding is not
 * enough: Firefox still sends audio), while ICE and DTLS complete;
 * `setSending` attaches the tracks with replaceTrack, no renegotiation. The
 * video starts at a quarter of its size with 'maintain-resolution': the first
 * key frame is small, so it is encoded, paced out at the starting bandwidth
 * estimate (300 kbps) and decoded in a fraction of a 720p one's time, and
 * WebRTC's initial frame dropping is skipped. After two seconds the link's own
 * caps and adaptation take over.
 */
import type { IceServer, SignalPayload } from '../../shared/protocol';
import { Emitter } from './emitter';
import { DEFAULT_RESTART, restartDelayMs, type RestartPolicy } from './iceRestart';

export type LinkState = 'new' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface PeerLinkEvents {
  state: LinkState;
  /** A text message from the data channel; the sender is this link's remote peer. */
  message: string;
  /** The data channel opened: queued messages have been flushed. */
  'channel-open': undefined;
  /** Remote tracks were added or renegotiated; read `remoteCamera` / `remoteScreen`. */
  tracks: undefined;
  /** A TURN server refused our credentials (401: wrong secret or expired); the TURN URL. */
  'turn-refused': string;
}

export interface PeerLinkOptions {
  remotePeerId: string;
  /** Polite peers yield on offer collisions; exactly one side of a link must be polite. */
  polite: boolean;
  /** The initiator creates the transceivers and the data channel, so it makes the first offer. */
  initiator: boolean;
  /** Whether the camera and microphone are attached; false while a call rings. */
  sending: boolean;
  iceServers: IceServer[];
  /** Only TURN relay candidates: hides this host's addresses from the peer. */
  forceRelay?: boolean;
  /** This device's persistent DTLS certificate, so every link presents the same key. */
  certificate: RTCCertificate;
  sendSignal(payload: SignalPayload): void;
  restart?: Partial<RestartPolicy>;
}

/** What Chromium's `icecandidateerror` reports when a TURN server rejects the credentials. */
const TURN_UNAUTHORIZED = 401;

/** Negotiated on both ends with the same id, so neither waits for an `ondatachannel`. */
const CHANNEL = { label: 'parley', id: 0 } as const;

/** How long a newly sending video stays small, at a fixed size, before its caps and adaptation apply. */
const STARTUP_MS = 2_000;
/** 720p becomes 320x180 for the startup: a first key frame of a few kilobytes. */
const STARTUP_SCALE_DOWN = 4;

export class PeerLink extends Emitter<PeerLinkEvents> {
  readonly remotePeerId: string;
  readonly pc: RTCPeerConnection;
  private readonly polite: boolean;
  private readonly sendSignal: (payload: SignalPayload) => void;
  private readonly restartPolicy: RestartPolicy;

  private linkState: LinkState = 'new';
  private everConnected = false;
  private makingOffer = false;
  private ignoreOffer = false;
  /** Incoming signals are applied one at a time, in arrival order. */
  private signalChain: Promise<void> = Promise.resolve();
  private pendingCandidates: RTCIceCandidateInit[] = [];

  private channel: RTCDataChannel | null = null;
  private outbox: string[] = [];

  private cameraAudio: RTCRtpTransceiver | null = null;
  private cameraVideo: RTCRtpTransceiver | null = null;
  private screen: RTCRtpTransceiver | null = null;
  /** A screen track given before the first offer was adopted; see `setScreenTrack`. */
  private pendingScreen: MediaStreamTrack | null = null;
  /** The screen's sound: its own audio transceiver beside the microphone's. */
  private screenAudio: RTCRtpTransceiver | null = null;
  private pendingScreenAudio: MediaStreamTrack | null = null;
  private localAudio: MediaStreamTrack | null = null;
  private localVideo: MediaStreamTrack | null = null;
  private videoParameters: VideoSendParameters | null = null;
  /** Parameter changes per sender, one at a time: each must start from the latest getParameters. */
  private readonly parameterChains = new Map<RTCRtpSender, Promise<void>>();
  private sending: boolean;
  private startupTimer: ReturnType<typeof setTimeout> | null = null;
  private startedSending = false;
  private cameraStream: MediaStream | null = null;

  private restartTries = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the link went down (disconnected or failed); null while it is up. */
  private downSince: number | null = null;
  /** Video encodings made inactive while the link is down; see `pauseVideo`. */
  private videoPaused = false;

  constructor(options: PeerLinkOptions) {
    super();
    this.remotePeerId = options.remotePeerId;
    this.polite = options.polite;
    this.sendSignal = options.sendSignal;
    this.restartPolicy = { ...DEFAULT_RESTART, ...options.restart };
    this.sending = options.sending;
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.forceRelay ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      certificates: [options.certificate],
    });
    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onicecandidate = ({ candidate }) =>
      this.sendSignal({ kind: 'candidate', candidate: wireCandidate(candidate) });
    this.pc.onconnectionstatechange = () => this.onConnectionState();
    this.pc.ontrack = () => this.emit('tracks', undefined);
    this.pc.onicecandidateerror = (event) => {
      if (event.errorCode === TURN_UNAUTHORIZED) this.emit('turn-refused', event.url);
    };
    if (options.initiator) {
      this.cameraAudio = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
      this.cameraVideo = this.pc.addTransceiver('video', { direction: 'sendrecv' });
      this.openChannel();
    }
  }

  get state(): LinkState {
    return this.linkState;
  }

  /** The remote camera and microphone as one stream, available before any media flows. */
  get remoteCamera(): MediaStream | null {
    if (!this.cameraStream && this.cameraAudio && this.cameraVideo) {
      this.cameraStream = new MediaStream([this.cameraAudio.receiver.track, this.cameraVideo.receiver.track]);
    }
    return this.cameraStream;
  }

  /** The remote screen-share track, if the remote side has added one. */
  get remoteScreen(): MediaStreamTrack | null {
    const receiving = this.pc
      .getTransceivers()
      .filter(
        (t) =>
          t !== this.cameraVideo &&
          t !== this.screen &&
          t.receiver.track.kind === 'video' &&
          (t.currentDirection === 'recvonly' || t.currentDirection === 'sendrecv'),
      );
    return receiving.at(-1)?.receiver.track ?? null;
  }

  /** The remote screen's sound: a received audio track that is not their microphone. */
  get remoteScreenAudio(): MediaStreamTrack | null {
    const receiving = this.pc
      .getTransceivers()
      .filter(
        (t) =>
          t !== this.cameraAudio &&
          t !== this.screenAudio &&
          t.receiver.track.kind === 'audio' &&
          (t.currentDirection === 'recvonly' || t.currentDirection === 'sendrecv'),
      );
    return receiving.at(-1)?.receiver.track ?? null;
  }

  /** Sets the camera and microphone tracks, attached to the senders only while `sending`. Never renegotiates. */
  async setCameraTracks(audio: MediaStreamTrack | null, video: MediaStreamTrack | null): Promise<void> {
    this.localAudio = audio;
    this.localVideo = video;
    await this.applyCameraTracks();
  }

  /** Starts or stops sending camera and microphone: tracks attached or detached, no renegotiation. */
  async setSending(sending: boolean): Promise<void> {
    if (sending === this.sending) return;
    this.sending = sending;
    await this.applyCameraTracks();
  }

  /** Sends a screen track as an extra video transceiver (first time: renegotiates); null stops it. */
  async setScreenTrack(track: MediaStreamTrack | null): Promise<void> {
    if (!this.cameraVideo) {
      // The answering side before the first offer: a screen transceiver now would make an offer of
      // its own that collides with that first offer, and after a rollback it would sit first among
      // the transceivers, mistaken for the camera. It is added once the camera is adopted.
      this.pendingScreen = track;
    } else if (this.screen) {
      await this.screen.sender.replaceTrack(track);
    } else if (track) {
      this.screen = this.pc.addTransceiver(track, { direction: 'sendonly' });
    }
  }

  /** Sends the screen's sound as an extra audio transceiver, like `setScreenTrack`; null stops it. */
  async setScreenAudioTrack(track: MediaStreamTrack | null): Promise<void> {
    if (!this.cameraAudio) this.pendingScreenAudio = track;
    else if (this.screenAudio) await this.screenAudio.sender.replaceTrack(track);
    else if (track) this.screenAudio = this.pc.addTransceiver(track, { direction: 'sendonly' });
  }

  /** Bitrate, resolution and frame-rate caps for the camera video; applied now and on every connect. */
  async setVideoParameters(parameters: VideoSendParameters): Promise<void> {
    this.videoParameters = parameters;
    await this.applyVideoParameters();
  }

  /** Sends a text message on the data channel, queued until it opens. */
  send(text: string): void {
    if (this.channel?.readyState === 'open') this.channel.send(text);
    else this.outbox.push(text);
  }

  /** Applies one relayed signal; signals are serialized so descriptions and candidates keep their order. */
  handleSignal(payload: SignalPayload): Promise<void> {
    this.signalChain = this.signalChain
      .then(() => this.applySignal(payload))
      .catch((error: unknown) => {
        console.warn(`[parley] signal from ${this.remotePeerId} failed`, error);
      });
    return this.signalChain;
  }

  /**
   * Lifts relay-only ICE (kept while a call rang, to hide this host's address): gathers every
   * candidate anew through an ICE restart, while media keeps flowing over the relay meanwhile.
   */
  allowDirectPaths(): void {
    if (this.pc.getConfiguration().iceTransportPolicy !== 'relay') return;
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceTransportPolicy: 'all' });
    this.pc.restartIce(); // fires negotiationneeded: perfect negotiation carries the new candidates
  }

  /** Updates ICE servers (e.g. renewed TURN credentials) for future gathering. */
  setIceServers(iceServers: IceServer[]): void {
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  close(): void {
    if (this.linkState === 'closed') return;
    this.clearRestartTimer();
    if (this.startupTimer) clearTimeout(this.startupTimer);
    this.channel?.close();
    this.pc.close();
    this.setState('closed');
    this.removeAllListeners();
  }

  private async offer(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (description) this.sendSignal({ kind: 'description', description: description.toJSON() });
    } catch (error) {
      console.warn(`[parley] offer to ${this.remotePeerId} failed`, error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async applySignal(payload: SignalPayload): Promise<void> {
    if (this.linkState === 'closed') return;
    if (payload.kind === 'candidate') {
      const candidate = payload.candidate ?? { candidate: '' };
      if (!this.pc.remoteDescription) {
        this.pendingCandidates.push(candidate);
        return;
      }
      await this.addCandidate(candidate);
      return;
    }
    const description = payload.description as RTCSessionDescriptionInit;
    const offerCollision =
      description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    if (description.type === 'offer') this.deferRestart();
    await this.pc.setRemoteDescription(description);
    if (description.type === 'offer') {
      const adopted = this.adoptOfferedTransceivers();
      await this.pc.setLocalDescription();
      const answer = this.pc.localDescription;
      if (answer) this.sendSignal({ kind: 'description', description: answer.toJSON() });
      if (adopted) {
        await this.applyCameraTracks();
        const screen = this.pendingScreen;
        this.pendingScreen = null;
        if (screen) await this.setScreenTrack(screen); // renegotiates now that the first exchange is done
        const screenAudio = this.pendingScreenAudio;
        this.pendingScreenAudio = null;
        if (screenAudio) await this.setScreenAudioTrack(screenAudio);
      }
    }
    const queued = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of queued) await this.addCandidate(candidate);
    this.emit('tracks', undefined);
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates for an offer we ignored in a collision are expected to fail.
      if (!this.ignoreOffer) throw error;
    }
  }

  /** The answering side takes the first offered audio/video as its camera and opens the channel; true the first time. */
  private adoptOfferedTransceivers(): boolean {
    if (this.cameraAudio && this.cameraVideo) return false;
    const transceivers = this.pc.getTransceivers();
    this.cameraAudio ??= transceivers.find((t) => t.receiver.track.kind === 'audio') ?? null;
    this.cameraVideo ??= transceivers.find((t) => t.receiver.track.kind === 'video') ?? null;
    for (const transceiver of [this.cameraAudio, this.cameraVideo]) {
      if (transceiver) transceiver.direction = 'sendrecv';
    }
    if (!this.channel) this.openChannel();
    return true;
  }

  /** Puts the camera tracks on the senders while sending, none otherwise; the answering side waits for its transceivers. */
  private async applyCameraTracks(): Promise<void> {
    if (!this.cameraAudio || !this.cameraVideo) return;
    if (this.sending && this.localVideo && !this.startedSending) this.startSending();
    await Promise.all([
      this.cameraAudio.sender.replaceTrack(this.sending ? this.localAudio : null),
      this.cameraVideo.sender.replaceTrack(this.sending ? this.localVideo : null),
    ]);
    await this.applyVideoParameters();
  }

  private applyVideoParameters(): Promise<void> {
    return this.updateParameters(this.cameraVideo?.sender, (parameters) => {
      const wanted = this.videoParameters;
      const startup = this.startupTimer !== null;
      for (const encoding of parameters.encodings) {
        if (wanted) {
          encoding.maxBitrate = wanted.maxBitrate;
          encoding.maxFramerate = wanted.maxFramerate;
        }
        const scale = wanted?.scaleResolutionDownBy ?? 1;
        encoding.scaleResolutionDownBy = startup ? Math.max(scale, STARTUP_SCALE_DOWN) : scale;
      }
      if (this.startedSending) {
        parameters.degradationPreference = startup
          ? 'maintain-resolution'
          : (wanted?.degradationPreference ?? 'balanced');
      }
    });
  }

  /** The first video goes out small and at a fixed size (see the top of this file), then as `videoParameters` say. */
  private startSending(): void {
    this.startedSending = true;
    this.startupTimer = setTimeout(() => {
      this.startupTimer = null;
      void this.applyVideoParameters();
    }, STARTUP_MS);
    void this.applyVideoParameters();
  }

  /**
   * Serialized read-modify-write of one sender's parameters; skipped until negotiation made encodings.
   * A negotiation that lands between the read and the write changes the RTCP parameters and the write
   * is refused (InvalidModificationError): it is redone once from a fresh read, so the change is not lost.
   */
  private updateParameters(
    sender: RTCRtpSender | undefined,
    change: (parameters: RTCRtpSendParameters) => void,
  ): Promise<void> {
    if (!sender) return Promise.resolve();
    const write = async () => {
      const parameters = sender.getParameters();
      if (parameters.encodings.length === 0) return;
      change(parameters);
      await sender.setParameters(parameters);
    };
    const previous = this.parameterChains.get(sender) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (this.linkState === 'closed') return;
      try {
        await write().catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'InvalidModificationError') return write();
          throw error;
        });
      } catch (error) {
        console.warn('[parley] setParameters failed', error);
      }
    });
    this.parameterChains.set(sender, next);
    return next;
  }

  private openChannel(): void {
    const channel = this.pc.createDataChannel(CHANNEL.label, { negotiated: true, id: CHANNEL.id });
    channel.onopen = () => {
      for (const text of this.outbox) channel.send(text);
      this.outbox = [];
      this.emit('channel-open', undefined);
    };
    channel.onmessage = ({ data }) => {
      if (typeof data === 'string') this.emit('message', data);
    };
    this.channel = channel;
  }

  private onConnectionState(): void {
    switch (this.pc.connectionState) {
      case 'connecting':
        if (!this.everConnected) this.setState('connecting');
        break;
      case 'connected':
        if (this.videoPaused) void this.pauseVideo(false);
        this.everConnected = true;
        this.restartTries = 0;
        this.downSince = null;
        this.clearRestartTimer();
        this.setState('connected');
        void this.applyVideoParameters();
        break;
      case 'disconnected':
      case 'failed':
        // Restart at once: the current path keeps working until a new one is chosen, so a blip costs nothing.
        if (this.everConnected) this.setState('reconnecting');
        if (this.everConnected && !this.videoPaused) void this.pauseVideo(true);
        this.scheduleRestart();
        break;
      default:
        break;
    }
  }

  /** Restarts ICE on the schedule of iceRestart.ts while the link stays down; past it, says `failed`. */
  private scheduleRestart(): void {
    if (this.restartTimer) return;
    const downSince = (this.downSince ??= Date.now());
    const delayMs = restartDelayMs(
      this.restartTries,
      Date.now() - downSince,
      this.polite,
      this.restartPolicy,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      const state = this.pc.connectionState;
      if (state === 'connected' || state === 'closed') return;
      if (Date.now() - downSince >= this.restartPolicy.giveUpAfterMs) {
        this.setState('failed');
        return;
      }
      this.restartTries += 1;
      this.pc.restartIce(); // fires negotiationneeded: perfect negotiation carries the new credentials
      this.scheduleRestart();
    }, delayMs);
  }

  /**
   * Video stops while the link is down and starts again once it is back: encoding into a dead path
   * costs CPU, and every packet lost there counts as loss that cuts the bandwidth estimate after
   * the return. A re-activated encoding starts with a key frame, which the receiver needs after
   * the gap (there is no key-frame API; activation is how to get one).
   * The receiver may still hold that key frame for up to ~2 s: its receive stream schedules it by
   * the clock model learned before the gap. Not a fix (Chromium, Dec 2026): the receiver's
   * jitterBufferTarget only raises a floor (in WebRTC: base minimum playout delay) and resets
   * nothing; a recvonly/sendrecv direction change keeps the same receive stream (same SSRC,
   * counters go on).
   */
  private async pauseVideo(paused: boolean): Promise<void> {
    this.videoPaused = paused;
    for (const sender of [this.cameraVideo?.sender, this.screen?.sender]) {
      void this.updateParameters(sender, (parameters) => {
        for (const encoding of parameters.encodings) encoding.active = !paused;
      });
    }
    await Promise.all([...this.parameterChains.values()]);
  }

  /** The other end just restarted ICE: our next try waits a full interval, so the two do not collide. */
  private deferRestart(): void {
    if (!this.restartTimer) return;
    this.clearRestartTimer();
    this.restartTries += 1;
    this.scheduleRestart();
  }

  private clearRestartTimer(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private setState(state: LinkState): void {
    if (state === this.linkState) return;
    this.linkState = state;
    this.emit('state', state);
  }
}

export interface VideoSendParameters {
  maxBitrate: number;
  maxFramerate: number;
  scaleResolutionDownBy: number;
  /** What WebRTC gives up first under CPU or bandwidth limits, once the startup seconds are over. */
  degradationPreference?: RTCDegradationPreference;
}

/** The candidate as the wire protocol carries it; null marks the end of gathering. */
function wireCandidate(
  candidate: RTCIceCandidate | null,
): Extract<SignalPayload, { kind: 'candidate' }>['candidate'] {
  if (!candidate) return null;
  const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
  return { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment };
}

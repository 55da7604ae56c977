/**
 * The call: one object the UI (and Electron's tray bridge) binds to.
 *
 * It holds the signaling transport, the shared local media, the people
 * online, and the current room with one PeerLink per remote peer, mute state
 * over the data channel, and per-peer stats. It composes Ringing (a call from
 * the ring to the accept) and Chat (the call's messages).
 *
 * Public API (stable; the desktop shell binds to it):
 * - `snapshot` + `on('change')`: an immutable {@link SessionSnapshot} (in call,
 *   muted, camera off, sharing, room + invite link, devices, participants…).
 * - `on('devices')`, `on('chat')`, `on('error')`.
 * - `media.refreshDevices()`, `selectDevice(kind, deviceId)`, `setMicMuted`,
 *   `setCameraOff`, `startScreenShare`, `stopScreenShare`, `leave`.
 * - `joinRoom`, `ring`, `accept`, `decline`, `cancelCall`, `sendChat`.
 *
 * Fast connect without a privacy cost: a call's links are built on `ringing` /
 * `incoming` with no track on their senders, so ICE and DTLS finish while it
 * rings; the accept attaches the tracks (replaceTrack, no renegotiation). The
 * callee's camera and microphone open only on accept (see Ringing).
 */
import type { IceServer, Peer, ServerMessage, ServerMessageOf } from '../../shared/protocol';
import type { SignalingTransport, TransportStatus, Unsubscribe } from '../../shared/transport';
import { Emitter } from './emitter';
import { ParleyError, peerLost, serverError } from './errors';
import type {
  AudioProcessing,
  DeviceInfo,
  DeviceKind,
  LocalMedia,
  QualityPreset,
  SelectedDevices,
} from './media';
import { QUALITY_PRESETS } from './media';
import type { EffectSettings } from './effects/MediaEffects';
import { decodePeerMessage, encodePeerMessage, type PeerMediaState } from './peerMessages';
import { Chat, type ChatMessage } from './Chat';
import { PeerLink, type LinkState, type VideoSendParameters } from './PeerLink';
import { Ringing, type CallEndReason, type CallInfo } from './Ringing';
import {
  CallQuality,
  captureFor,
  FULL_CAPTURE,
  relativeToCapture,
  type QualityContext,
  type SendingSummary,
} from './quality';
import { readSendSample, type SendSample } from './sendStats';
import { STATS_INTERVAL_MS, summarizeStats, type LinkStats, type StatsCounters } from './stats';
import { renewalDelayMs } from './turnRenewal';
import { relayWhileRinging } from './ringingPrivacy';
import { LinkVerifier } from './linkVerification';
import { TrustStore, type Trust } from './trust';

/** How long a tile says "Connection lost" (its link gave up restarting) before the person is dropped. */
const LOST_TILE_MS = 4_000;

export type CallPhase = 'idle' | 'joining' | 'outgoing' | 'incoming' | 'in-call';

export interface Participant {
  peerId: string;
  name: string;
  link: LinkState;
  micMuted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  /** Remote camera + microphone. */
  camera: MediaStream | null;
  /** Remote screen share, while they share: its video, and its sound when they share it. */
  screen: MediaStream | null;
  stats: LinkStats | null;
  /** What we send them, and why it is reduced. */
  sending: SendingSummary | null;
  /** The link's code, once its DTLS handshake is done. */
  code: string[] | null;
  /** Pending until the code is known; 'unverified' also when it cannot be computed. */
  trust: Trust | 'pending';
}

export interface SessionSnapshot {
  connection: TransportStatus;
  selfId: string | null;
  name: string;
  phase: CallPhase;
  room: string | null;
  inviteLink: string | null;
  /** The room we are in needs a password (everyone inside gave it). */
  locked: boolean;
  /** We created the room we are in (rather than joining someone's). */
  createdRoom: boolean;
  call: CallInfo | null;
  /** How the last call ended, until the next one starts. */
  ended: { reason: CallEndReason; peer: Peer | null } | null;
  participants: Participant[];
  online: Peer[];
  chat: ChatMessage[];
  micMuted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
  devices: DeviceInfo[];
  selected: SelectedDevices;
  processing: AudioProcessing;
  effects: EffectSettings;
  preset: QualityPreset;
  /** Why camera or mic is unavailable. */
  mediaError: ParleyError | null;
  /** The last failed action (join, ring, share), or a participant lost. */
  error: ParleyError | null;
  /** New links use TURN relays only. */
  forceRelay: boolean;
  /** A call that rings here reaches the caller through the relay only, until accepted. */
  hideAddressWhileRinging: boolean;
}

export interface CallSessionEvents {
  change: SessionSnapshot;
  devices: DeviceInfo[];
  chat: ChatMessage;
  error: ParleyError;
}

export interface CallSessionOptions {
  /** Opens the signaling transport under a display name (WebSocket in a browser, IPC in Electron). */
  connect(name: string): SignalingTransport;
  media: LocalMedia;
  /** The invite link for a room, e.g. `<server origin>/?room=<id>`. */
  inviteLink(room: string): string;
  name: string;
  /** Relay-only ICE: hides this host's addresses. */
  forceRelay?: boolean;
  /** Relay-only while a call rings here (when the server offers TURN); default on. */
  hideAddressWhileRinging?: boolean;
  /** This device's persistent DTLS certificate (see deviceCertificate). */
  certificate: RTCCertificate;
}

interface RemotePeer {
  peer: Peer;
  link: PeerLink;
  media: PeerMediaState;
  screen: MediaStream | null;
  stats: LinkStats | null;
  counters: StatsCounters | null;
  sending: SendingSummary | null;
  /** Set while the tile says "Connection lost", before the person is dropped. */
  dropTimer: ReturnType<typeof setTimeout> | null;
  /** The link's code and the remote key; null for a link made before we knew the room. */
  verifier: LinkVerifier | null;
}

type RoomKind = 'room' | 'call';

export class CallSession extends Emitter<CallSessionEvents> {
  readonly media: LocalMedia;
  private readonly options: CallSessionOptions;
  private transport: SignalingTransport;
  private transportSubscriptions: Unsubscribe[] = [];
  private mediaSubscriptions: Unsubscribe[];

  private name: string;
  private selfId: string | null = null;
  private iceServers: IceServer[] = [];
  private phase: CallPhase = 'idle';
  private room: string | null = null;
  private roomKind: RoomKind = 'room';
  private readonly ringing: Ringing;
  private ended: SessionSnapshot['ended'] = null;
  private readonly peers = new Map<string, RemotePeer>();
  private online: Peer[] = [];
  private readonly chat: Chat;
  private error: ParleyError | null = null;
  private pendingJoin: { rid: string; room?: string; password?: string } | null = null;
  /** The room we are in: how we got in, so a rejoin after a long outage gives the same password. */
  private joined: { password?: string; created: boolean } | null = null;
  private ridCounter = 0;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private renewalTimer: ReturnType<typeof setTimeout> | null = null;
  private forceRelay: boolean;
  private hideAddressWhileRinging: boolean;
  /** People dropped after their link gave up, so a link they restart from their side gets their name back. */
  private readonly lostPeers = new Map<string, Peer>();
  private readonly quality = new CallQuality();
  /** Keys verified on this device, across calls. */
  private readonly trust = new TrustStore();
  private current: SessionSnapshot;
  private publishQueued = false;

  constructor(options: CallSessionOptions) {
    super();
    this.options = options;
    this.media = options.media;
    this.name = options.name;
    this.forceRelay = options.forceRelay ?? false;
    this.hideAddressWhileRinging = options.hideAddressWhileRinging ?? true;
    this.ringing = new Ringing({
      send: (message) => this.transport.send(message),
      busy: () => this.phase !== 'idle',
      warm: (room, peer, initiator, iceServers) => {
        // TURN comes with the call: in place before the call's link is made.
        if (iceServers) this.useIceServers(iceServers);
        this.room = room;
        this.roomKind = 'call';
        this.addPeer(peer, initiator);
      },
      incoming: () => {
        this.resetCallState();
        this.phase = 'incoming';
        this.publish();
      },
      accepted: () => this.enterCall(),
      ended: (reason) => {
        if (this.phase === 'outgoing' || this.phase === 'incoming') this.endCall(reason);
      },
    });
    this.chat = new Chat({
      broadcast: (encoded) => {
        for (const { link } of this.peers.values()) link.send(encoded);
      },
      added: (message) => {
        this.emit('chat', message);
        this.publish();
      },
    });
    this.transport = this.openTransport();
    this.current = this.buildSnapshot();
    this.mediaSubscriptions = [
      this.media.on('tracks', () => this.sendLocalTracks()),
      this.media.on('screen', () => this.onScreenTrack()),
      this.media.on('effectFailed', (error) => this.fail(error)),
      this.media.on('devices', (devices) => {
        this.emit('devices', devices);
        this.publish();
      }),
      this.media.on('change', () => {
        this.applyPreset();
        this.broadcastMediaState();
        this.publish();
      }),
    ];
  }

  get snapshot(): SessionSnapshot {
    return this.current;
  }

  /** Changes the display name; outside a call this reconnects under the new name. */
  setName(name: string): void {
    // The server refuses a name with control characters (a pasted tab or newline), and with it the connection.
    const trimmed = name.replace(/\p{Cc}+/gu, ' ').trim();
    if (!trimmed || trimmed === this.name) return;
    this.name = trimmed;
    if (this.phase === 'idle') {
      this.closeTransport();
      this.transport = this.openTransport();
    }
    this.publish();
  }

  /** Relay-only ICE for the links of the next call (a running call keeps its links). */
  setForceRelay(on: boolean): void {
    this.forceRelay = on;
    this.publish();
  }

  /** Whether a call ringing here keeps this host's address from the caller until accepted. */
  setHideAddressWhileRinging(on: boolean): void {
    this.hideAddressWhileRinging = on;
    this.publish();
  }

  /** Joins a room by id, or creates a new one when `room` is omitted. */
  joinRoom(room?: string, password?: string): void {
    if (this.phase !== 'idle') return;
    const rid = this.nextRid();
    this.pendingJoin = { rid, room, password: password || undefined };
    this.resetCallState();
    this.phase = 'joining';
    this.roomKind = 'room';
    void this.media.acquire();
    this.transport.send({ type: 'join', rid, room, password: password || undefined });
    this.publish();
  }

  /** Rings a person from the directory; the caller's own devices open now, but send only on accept. */
  ring(peerId: string): void {
    if (this.phase !== 'idle') return;
    const peer = this.online.find((p) => p.peerId === peerId) ?? { peerId, name: peerId };
    this.resetCallState();
    this.phase = 'outgoing';
    void this.media.acquire();
    this.ringing.ring(peer, this.nextRid());
    this.publish();
  }

  /**
   * Accepts the incoming call and only now opens camera (unless `video` is false) and microphone:
   * the warm links carry them as soon as they are open.
   */
  accept({ video = true }: { video?: boolean } = {}): void {
    if (this.phase !== 'incoming' || !this.ringing.answer(true)) return;
    // Opening the devices is the longest step to the first frame: it starts before the call view renders.
    void this.media.acquire({ audio: true, video });
    this.enterCall();
    if (!this.forceRelay) for (const { link } of this.peers.values()) link.allowDirectPaths();
  }

  decline(): void {
    if (this.phase !== 'incoming' || !this.ringing.answer(false)) return;
    this.endCall('you-declined');
  }

  /** Stops ringing the other person. */
  cancelCall(): void {
    if (this.phase !== 'outgoing') return;
    this.ringing.cancel();
    this.endCall('cancelled');
  }

  /** Leaves the room or hangs up; closes every link and turns camera and mic off. */
  leave(): void {
    if (this.room) this.transport.send({ type: 'leave', room: this.room });
    this.endCall('left');
    this.media.release();
  }

  setMicMuted(muted: boolean): void {
    this.media.setMicMuted(muted);
  }

  setCameraOff(off: boolean): void {
    this.media.setCameraOff(off);
  }

  /** Switches camera, microphone (live track swap) or speaker (setSinkId on media elements). */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.media.selectDevice(kind, deviceId).catch((error: unknown) => this.fail(error));
  }

  async startScreenShare(): Promise<void> {
    try {
      await this.media.startScreenShare();
    } catch (error) {
      this.fail(error);
    }
  }

  stopScreenShare(): void {
    this.media.stopScreenShare();
  }

  /** Sends a chat message to everyone in the call; false when it is empty or too long (nothing is cut). */
  sendChat(text: string): boolean {
    if (!this.selfId) return false;
    return this.chat.send({ peerId: this.selfId, name: this.name }, text);
  }

  /** Marks a participant's key verified: the user compared the code with them. */
  markVerified(peerId: string): void {
    const key = this.keyOf(peerId);
    if (key) this.trust.verify(key.name, key.fingerprint);
    this.publish();
  }

  /** Forgets a participant's verification (and an older key verified under their name). */
  resetVerification(peerId: string): void {
    const key = this.keyOf(peerId);
    if (key) this.trust.reset(key.name, key.fingerprint);
    this.publish();
  }

  /** The peer link to one participant (tests and diagnostics read getStats through it). */
  linkTo(peerId: string): PeerLink | null {
    return this.peers.get(peerId)?.link ?? null;
  }

  clearError(): void {
    this.error = null;
    this.publish();
  }

  /** Leaves any call, closes the transport and releases camera, microphone and device listeners. */
  dispose(): void {
    this.leave();
    this.stopRenewal();
    this.closeTransport();
    for (const unsubscribe of this.mediaSubscriptions) unsubscribe();
    this.media.dispose();
    this.removeAllListeners();
  }

  // ---- signaling ----

  private openTransport(): SignalingTransport {
    const transport = this.options.connect(this.name);
    this.transportSubscriptions = [
      transport.onMessage((message) => this.onServerMessage(message)),
      transport.onStatus((status) => {
        if (status.state === 'open') this.selfId = status.peerId;
        this.publish();
      }),
    ];
    return transport;
  }

  private closeTransport(): void {
    for (const unsubscribe of this.transportSubscriptions) unsubscribe();
    this.transport.close();
  }

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        return this.onWelcome(message);
      case 'joined':
        return this.onJoined(message);
      case 'peer-joined':
        if (message.room === this.room && this.phase === 'in-call') this.addPeer(message.peer, false);
        return this.publish();
      case 'peer-left':
        if (message.room !== this.room) return;
        this.lostPeers.delete(message.peerId);
        this.removePeer(message.peerId);
        return;
      case 'signal':
        return this.onSignal(message);
      case 'directory':
        this.online = message.peers.filter((p) => p.peerId !== this.selfId);
        return this.publish();
      case 'online':
        if (message.peer.peerId !== this.selfId) {
          this.online = [...this.online.filter((p) => p.peerId !== message.peer.peerId), message.peer];
        }
        return this.publish();
      case 'offline':
        this.online = this.online.filter((p) => p.peerId !== message.peerId);
        return this.publish();
      case 'call':
        return this.ringing.onCall(message);
      case 'ice-servers':
        return this.useIceServers(message.iceServers);
      case 'error':
        return this.onServerError(message);
      case 'left':
      case 'shutdown':
        return; // the transport reconnects and resumes by itself
    }
  }

  private onWelcome(message: ServerMessageOf<'welcome'>): void {
    this.selfId = message.peerId;
    this.useIceServers(message.iceServers);
    this.transport.send({ type: 'presence', visible: true });
    // A fresh identity after a long outage: our room forgot us, so join it again.
    if (!message.resumed && this.room && this.roomKind === 'room' && this.phase === 'in-call') {
      const room = this.room;
      for (const id of [...this.peers.keys()]) this.removePeer(id);
      this.phase = 'joining';
      const password = this.joined?.password;
      this.pendingJoin = { rid: this.nextRid(), room, password };
      // `rejoin`: the server forgot the room (a restart), and our password may lock it again.
      this.transport.send({ type: 'join', rid: this.pendingJoin.rid, room, password, rejoin: true });
    }
    this.publish();
  }

  /** Fresh ICE servers (welcome or renewal) for every live link's next gathering and every new link. */
  private useIceServers(iceServers: IceServer[]): void {
    this.iceServers = iceServers;
    for (const { link } of this.peers.values()) link.setIceServers(iceServers);
    this.scheduleRenewal();
  }

  /** Asks for fresh TURN credentials once half their lifetime has passed; the answer is `ice-servers`. */
  private scheduleRenewal(): void {
    this.stopRenewal();
    const delayMs = renewalDelayMs(this.iceServers, Date.now());
    if (delayMs === null) return;
    this.renewalTimer = setTimeout(() => {
      this.renewalTimer = null;
      this.transport.send({ type: 'ice-servers', rid: this.nextRid() });
    }, delayMs);
  }

  private stopRenewal(): void {
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
    this.renewalTimer = null;
  }

  private onJoined(message: ServerMessageOf<'joined'>): void {
    const pending = this.pendingJoin;
    if (this.phase !== 'joining' || !pending) return;
    this.pendingJoin = null;
    this.joined = { password: pending.password, created: !pending.room || (this.joined?.created ?? false) };
    // TURN comes with the room (the server issues it only to people in a room or call).
    if (message.iceServers) this.useIceServers(message.iceServers);
    this.room = message.room;
    this.enterCall();
    // The joiner offers to everyone already there, at once.
    for (const member of message.members) this.addPeer(member, true);
    this.publish();
  }

  private onSignal(message: ServerMessageOf<'signal'>): void {
    if (message.room !== this.room) return;
    let remote = this.peers.get(message.from);
    if (!remote) {
      // An offer can overtake `peer-joined`, or someone we dropped restarts ICE; the server
      // vouches that `from` is in our room.
      const peer = this.lostPeers.get(message.from) ?? { peerId: message.from, name: message.from };
      this.lostPeers.delete(message.from);
      remote = this.addPeer(peer, false);
    }
    void remote.link.handleSignal(message.payload);
  }

  private onServerError(message: ServerMessageOf<'error'>): void {
    const error = serverError(message.code, message.message);
    if (this.pendingJoin && message.rid === this.pendingJoin.rid) {
      // The server says wrong_password also when none was given: that room simply needs one.
      const needsPassword = error.code === 'wrong_password' && !this.pendingJoin.password;
      this.pendingJoin = null;
      this.joined = null;
      this.phase = 'idle';
      this.fail(needsPassword ? new ParleyError('password_required', message.message) : error);
    } else if (this.phase === 'outgoing' && this.ringing.isRingRequest(message.rid)) {
      this.endCall('ended');
      this.fail(error);
    } else {
      console.warn('[parley] server error', message.code, message.message);
    }
  }

  // ---- links ----

  private addPeer(peer: Peer, initiator: boolean): RemotePeer {
    const existing = this.peers.get(peer.peerId);
    if (existing) {
      if (existing.peer.name === existing.peer.peerId) existing.peer = peer;
      return existing;
    }
    const room = this.room;
    const link = new PeerLink({
      remotePeerId: peer.peerId,
      polite: (this.selfId ?? '') < peer.peerId,
      initiator,
      sending: this.phase === 'in-call',
      iceServers: this.iceServers,
      certificate: this.options.certificate,
      forceRelay:
        this.forceRelay ||
        (this.phase === 'incoming' && relayWhileRinging(this.hideAddressWhileRinging, this.iceServers)),
      sendSignal: (payload) => {
        if (room) this.transport.send({ type: 'signal', room, to: peer.peerId, payload });
      },
    });
    const remote: RemotePeer = {
      peer,
      link,
      media: { micMuted: false, cameraOff: false, sharing: false },
      screen: null,
      stats: null,
      counters: null,
      sending: null,
      dropTimer: null,
      verifier: room
        ? new LinkVerifier({
            link,
            room,
            certificate: this.options.certificate,
            changed: () => this.publish(),
          })
        : null,
    };
    this.peers.set(peer.peerId, remote);
    link.on('state', (state) => {
      if (state === 'failed') this.scheduleDrop(remote);
      this.publish();
    });
    link.on('turn-refused', (url) => this.onTurnRefused(link, url));
    link.on('tracks', () => this.refreshScreen(remote));
    link.on('channel-open', () => link.send(this.mediaStateMessage()));
    link.on('message', (text) => this.onPeerMessage(remote, text));
    this.sendTracksTo(link); // attached now; they go out only once the link is sending
    this.applyPresetTo(link);
    if (this.media.screenTrack && this.phase === 'in-call') this.sendScreenTo(link);
    this.startStats();
    this.publish();
    return remote;
  }

  /** Relay-only, a refused TURN credential means no media at all: say so once, with what to do. */
  private onTurnRefused(link: PeerLink, url: string): void {
    if (!this.forceRelay || this.error?.code === 'turn_refused' || link.state === 'connected') return;
    this.fail(new ParleyError('turn_refused', `TURN server ${url} answered 401 Unauthorized`));
  }

  /**
   * The link gave up restarting (media dead, though their socket may live): the tile says
   * "Connection lost" for a moment, then they leave the call and we say whom we lost.
   */
  private scheduleDrop(remote: RemotePeer): void {
    if (remote.dropTimer) return;
    remote.dropTimer = setTimeout(() => {
      remote.dropTimer = null;
      const { peer, link } = remote;
      // Their own ICE restart may have revived the link meanwhile.
      if (this.peers.get(peer.peerId) !== remote || link.state !== 'failed') return;
      this.lostPeers.set(peer.peerId, peer);
      this.fail(peerLost(peer.name));
      this.removePeer(peer.peerId);
    }, LOST_TILE_MS);
  }

  private removePeer(peerId: string): void {
    const remote = this.peers.get(peerId);
    if (!remote) return;
    if (remote.dropTimer) clearTimeout(remote.dropTimer);
    remote.link.close();
    this.peers.delete(peerId);
    // A 1:1 call ends when the other side hangs up.
    if (this.roomKind === 'call' && this.phase === 'in-call' && this.peers.size === 0) {
      if (this.room) this.transport.send({ type: 'leave', room: this.room });
      this.endCall('ended');
      this.media.release();
      return;
    }
    this.publish();
  }

  private onPeerMessage(remote: RemotePeer, text: string): void {
    const message = decodePeerMessage(text);
    if (!message) return;
    if (message.t === 'nonce-commit' || message.t === 'nonce-reveal') {
      remote.verifier?.receive(message);
    } else if (message.t === 'chat') {
      this.chat.receive(remote.peer, message);
    } else {
      remote.media = { micMuted: message.micMuted, cameraOff: message.cameraOff, sharing: message.sharing };
      this.refreshScreen(remote);
    }
  }

  private refreshScreen(remote: RemotePeer): void {
    const track = remote.media.sharing ? remote.link.remoteScreen : null;
    const sound = track ? remote.link.remoteScreenAudio : null;
    const current = remote.screen;
    if (current?.getVideoTracks()[0] !== track || (current?.getAudioTracks()[0] ?? null) !== sound)
      remote.screen = track ? new MediaStream(sound ? [track, sound] : [track]) : null;
    this.publish();
  }

  private enterCall(): void {
    this.phase = 'in-call';
    for (const { link } of this.peers.values()) {
      void link.setSending(true);
      if (this.media.screenTrack) this.sendScreenTo(link);
    }
    this.broadcastMediaState();
    this.publish();
  }

  private sendLocalTracks(): void {
    for (const { link } of this.peers.values()) this.sendTracksTo(link);
    this.publish();
  }

  /** The screen and its sound, each on its own transceiver (null stops them). */
  private sendScreenTo(link: PeerLink): void {
    void link.setScreenTrack(this.media.screenTrack);
    void link.setScreenAudioTrack(this.media.screenAudioTrack);
  }

  private sendTracksTo(link: PeerLink): void {
    void link.setCameraTracks(this.media.audioTrack, this.media.videoTrack);
  }

  private onScreenTrack(): void {
    if (this.phase === 'in-call') {
      for (const { link } of this.peers.values()) this.sendScreenTo(link);
    }
    this.broadcastMediaState();
    this.publish();
  }

  private applyPreset(): void {
    for (const { link } of this.peers.values()) this.applyPresetTo(link);
  }

  private applyPresetTo(link: PeerLink): void {
    void link.setVideoParameters(
      this.captureRelative(this.quality.qualityFor(link.remotePeerId, this.qualityContext()).parameters),
    );
  }

  /** Decided parameters speak of the full 720p camera; the links scale what is actually captured. */
  private captureRelative(parameters: VideoSendParameters): VideoSendParameters {
    return relativeToCapture(parameters, this.media.videoTrack?.getSettings().height ?? FULL_CAPTURE.height);
  }

  private qualityContext(): QualityContext {
    const remoteSharing = [...this.peers.values()].some((remote) => remote.media.sharing);
    return {
      people: this.peers.size + 1,
      preset: QUALITY_PRESETS[this.media.preset],
      screenShared: this.media.screenTrack !== null || remoteSharing,
    };
  }

  /** One stats round in: each link's camera sends what quality.ts decides for the call as it is now. */
  private adaptQuality(samples: Map<RemotePeer, SendSample>): void {
    this.quality.update(
      new Map([...samples].map(([remote, sample]) => [remote.peer.peerId, sample])),
      Date.now(),
    );
    const context = this.qualityContext();
    void this.media.setCaptureSize(captureFor(context.people)).then((changed) => {
      if (changed) this.applyPreset();
    });
    for (const [remote, { width, height, fps }] of samples) {
      const decision = this.quality.qualityFor(remote.peer.peerId, context);
      if (JSON.stringify(decision.parameters) !== JSON.stringify(remote.sending?.parameters)) {
        void remote.link.setVideoParameters(this.captureRelative(decision.parameters));
      }
      remote.sending = { ...decision, width, height, fps };
    }
  }

  private mediaStateMessage(): string {
    return encodePeerMessage({
      t: 'state',
      micMuted: this.media.micMuted || !this.media.audioTrack,
      cameraOff: this.media.cameraOff || !this.media.videoTrack,
      sharing: this.media.screenTrack !== null,
    });
  }

  private broadcastMediaState(): void {
    if (this.phase !== 'in-call') return;
    const message = this.mediaStateMessage();
    for (const { link } of this.peers.values()) link.send(message);
  }

  private endCall(reason: CallEndReason): void {
    const peer = this.ringing.call?.peer ?? null;
    for (const remote of this.peers.values()) {
      if (remote.dropTimer) clearTimeout(remote.dropTimer);
      remote.link.close();
    }
    this.peers.clear();
    this.lostPeers.clear();
    this.stopStats();
    this.media.stopScreenShare();
    this.phase = 'idle';
    this.room = null;
    this.ringing.clear();
    this.pendingJoin = null;
    this.joined = null;
    this.ended = { reason, peer };
    this.publish();
  }

  private resetCallState(): void {
    this.ended = null;
    this.error = null;
    this.chat.clear();
  }

  private fail(error: unknown): void {
    this.error =
      error instanceof ParleyError ? error : new ParleyError('unknown', String(error), { cause: error });
    this.emit('error', this.error);
    this.publish();
  }

  private nextRid(): string {
    this.ridCounter += 1;
    return `r${this.ridCounter}`;
  }

  // ---- stats ----

  private startStats(): void {
    this.statsTimer ??= setInterval(() => void this.pollStats(), STATS_INTERVAL_MS);
  }

  private stopStats(): void {
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
  }

  private async pollStats(): Promise<void> {
    const samples = new Map<RemotePeer, SendSample>();
    await Promise.all(
      [...this.peers.values()].map(async (remote) => {
        const report = await remote.link.getStats();
        const cameraTrackId = remote.link.remoteCamera?.getVideoTracks()[0]?.id ?? null;
        const { stats, counters } = summarizeStats(report, remote.counters, cameraTrackId);
        remote.stats = stats;
        remote.counters = counters;
        samples.set(remote, readSendSample(report, this.media.videoTrack?.id ?? null));
      }),
    );
    this.adaptQuality(samples);
    this.publish();
  }

  // ---- snapshot ----

  /** A participant's name and certificate fingerprint, once their link has a code. */
  private keyOf(peerId: string): { name: string; fingerprint: string } | null {
    const remote = this.peers.get(peerId);
    const fingerprint = remote?.verifier?.fingerprint;
    if (!remote || !fingerprint || fingerprint === 'failed') return null;
    return { name: remote.peer.name, fingerprint };
  }

  private trustOf({ peer, verifier }: RemotePeer): Pick<Participant, 'code' | 'trust'> {
    const fingerprint = verifier?.fingerprint ?? null;
    if (fingerprint === null) return { code: null, trust: 'pending' };
    if (fingerprint === 'failed') return { code: null, trust: 'unverified' };
    return { code: verifier?.code ?? null, trust: this.trust.trustOf(peer.name, fingerprint) };
  }

  /** Coalesces changes within one task into one `change` event. */
  private publish(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      this.current = this.buildSnapshot();
      this.emit('change', this.current);
    });
  }

  private buildSnapshot(): SessionSnapshot {
    const media = this.media;
    return {
      connection: this.transport.status,
      selfId: this.selfId,
      name: this.name,
      phase: this.phase,
      room: this.room,
      inviteLink: this.room && this.roomKind === 'room' ? this.options.inviteLink(this.room) : null,
      locked: !!this.joined?.password,
      createdRoom: this.joined?.created ?? false,
      call: this.ringing.call,
      ended: this.ended,
      participants: [...this.peers.values()].map((remote) => ({
        peerId: remote.peer.peerId,
        name: remote.peer.name,
        link: remote.link.state,
        ...remote.media,
        camera: remote.link.remoteCamera,
        screen: remote.screen,
        stats: remote.stats,
        sending: remote.sending,
        ...this.trustOf(remote),
      })),
      online: this.online,
      chat: this.chat.messages,
      micMuted: media.micMuted,
      cameraOff: media.cameraOff,
      sharing: media.screenTrack !== null,
      hasAudio: media.audioTrack !== null,
      hasVideo: media.videoTrack !== null,
      devices: media.devices,
      selected: media.selected,
      processing: media.processing,
      effects: media.effectSettings,
      preset: media.preset,
      mediaError: media.error,
      error: this.error,
      forceRelay: this.forceRelay,
      hideAddressWhileRinging: this.hideAddressWhileRinging,
    };
  }
}

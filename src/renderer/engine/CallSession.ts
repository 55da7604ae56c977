/**
 * The call: one object the UI (and Electron's tray bridge) binds to.
 *
 * It holds the signaling transport, the shared local media, the people
 * online, ringing, and the current room with one PeerLink per remote peer,
 * chat and mute state over the data channel, and per-peer stats.
 *
 * Public API (stable; the desktop shell binds to it):
 * - `snapshot` + `on('change')`: an immutable {@link SessionSnapshot} (in call,
 *   muted, camera off, sharing, room + invite link, devices, participants…).
 * - `on('devices')`, `on('chat')`, `on('error')`.
 * - `media.refreshDevices()`, `selectDevice(kind, deviceId)`, `setMicMuted`,
 *   `setCameraOff`, `startScreenShare`, `stopScreenShare`, `leave`.
 * - `joinRoom`, `ring`, `accept`, `decline`, `cancelCall`, `sendChat`.
 *
 * Fast connect: a call's links are built on `ringing` / `incoming`, with
 * transceivers that send nothing, so ICE and DTLS finish while it rings;
 * `accepted` only swaps the live tracks in (replaceTrack, no renegotiation).
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
import { decodePeerMessage, encodePeerMessage, type PeerMediaState } from './peerMessages';
import { PeerLink, type LinkState } from './PeerLink';
import { CallQuality, type QualityContext, type SendingSummary } from './quality';
import { readSendSample, type SendSample } from './sendStats';
import { STATS_INTERVAL_MS, summarizeStats, type LinkStats, type StatsCounters } from './stats';
import { renewalDelayMs } from './turnRenewal';

/** How long a tile says "Connection lost" (its link gave up restarting) before the person is dropped. */
const LOST_TILE_MS = 4_000;

export type CallPhase = 'idle' | 'joining' | 'outgoing' | 'incoming' | 'in-call';

export type CallEndReason = 'declined' | 'cancelled' | 'busy' | 'timeout' | 'missed' | 'left' | 'ended';

export interface Participant {
  peerId: string;
  name: string;
  link: LinkState;
  micMuted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  /** Remote camera + microphone. */
  camera: MediaStream | null;
  /** Remote screen share, while they share. */
  screen: MediaStream | null;
  stats: LinkStats | null;
  /** What we send them, and why it is reduced. */
  sending: SendingSummary | null;
}

export interface ChatMessage {
  id: string;
  /** Peer id of the sender, from the link it came on; own messages carry our id. */
  from: string;
  name: string;
  text: string;
  at: number;
  own: boolean;
}

export interface CallInfo {
  callId: string | null;
  peer: Peer;
  direction: 'outgoing' | 'incoming';
}

export interface SessionSnapshot {
  connection: TransportStatus;
  selfId: string | null;
  name: string;
  phase: CallPhase;
  room: string | null;
  inviteLink: string | null;
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
  preset: QualityPreset;
  /** Why camera or mic is unavailable. */
  mediaError: ParleyError | null;
  /** The last failed action (join, ring, share), or a participant lost. */
  error: ParleyError | null;
  /** New links use TURN relays only. */
  forceRelay: boolean;
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
  /** The password the room was joined with: a rejoin after a server restart brings the lock back. */
  private roomPassword: string | undefined;
  private roomKind: RoomKind = 'room';
  private call: CallInfo | null = null;
  private ended: SessionSnapshot['ended'] = null;
  private readonly peers = new Map<string, RemotePeer>();
  private online: Peer[] = [];
  private chat: ChatMessage[] = [];
  private error: ParleyError | null = null;
  private pendingJoin: { rid: string; room?: string; password?: string } | null = null;
  private pendingRing: string | null = null;
  private cancelWhenRinging = false;
  private ridCounter = 0;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private renewalTimer: ReturnType<typeof setTimeout> | null = null;
  private forceRelay: boolean;
  /** People dropped after their link gave up, so a link they restart from their side gets their name back. */
  private readonly lostPeers = new Map<string, Peer>();
  private readonly quality = new CallQuality();
  private current: SessionSnapshot;
  private publishQueued = false;

  constructor(options: CallSessionOptions) {
    super();
    this.options = options;
    this.media = options.media;
    this.name = options.name;
    this.forceRelay = options.forceRelay ?? false;
    this.transport = this.openTransport();
    this.current = this.buildSnapshot();
    this.mediaSubscriptions = [
      this.media.on('tracks', () => this.sendLocalTracks()),
      this.media.on('screen', (track) => this.onScreenTrack(track)),
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
    const trimmed = name.trim();
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

  /** Rings a person from the directory. */
  ring(peerId: string): void {
    if (this.phase !== 'idle') return;
    const peer = this.online.find((p) => p.peerId === peerId) ?? { peerId, name: peerId };
    this.resetCallState();
    this.pendingRing = this.nextRid();
    this.cancelWhenRinging = false;
    this.phase = 'outgoing';
    this.call = { callId: null, peer, direction: 'outgoing' };
    void this.media.acquire();
    this.transport.send({ type: 'ring', rid: this.pendingRing, to: peerId });
    this.publish();
  }

  /** Accepts the incoming call: the warm links start sending at once. */
  accept(): void {
    if (this.phase !== 'incoming' || !this.call?.callId) return;
    this.transport.send({ type: 'answer-call', callId: this.call.callId, accept: true });
    this.enterCall();
  }

  decline(): void {
    if (this.phase !== 'incoming' || !this.call?.callId) return;
    this.transport.send({ type: 'answer-call', callId: this.call.callId, accept: false });
    this.endCall('declined');
  }

  /** Stops ringing the other person. */
  cancelCall(): void {
    if (this.phase !== 'outgoing' || !this.call) return;
    if (this.call.callId) this.transport.send({ type: 'cancel-call', callId: this.call.callId });
    else this.cancelWhenRinging = true;
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

  sendChat(text: string): void {
    const trimmed = text.trim();
    if (!trimmed || !this.selfId) return;
    const id = crypto.randomUUID();
    const encoded = encodePeerMessage({ t: 'chat', id, text: trimmed });
    for (const { link } of this.peers.values()) link.send(encoded);
    this.addChat({ id, from: this.selfId, name: this.name, text: trimmed, at: Date.now(), own: true });
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
        return this.onCall(message);
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
      const password = this.roomPassword;
      this.pendingJoin = { rid: this.nextRid(), room, password };
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
    if (this.phase !== 'joining' || !this.pendingJoin) return;
    this.roomPassword = this.pendingJoin.password;
    this.pendingJoin = null;
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

  private onCall(message: ServerMessageOf<'call'>): void {
    const peer = message.peer;
    // TURN comes with the call: set before the call's link is made.
    if (message.iceServers && (message.state === 'ringing' || message.state === 'incoming')) {
      const ours = message.state === 'incoming' ? this.phase === 'idle' : this.phase === 'outgoing';
      if (ours) this.useIceServers(message.iceServers);
    }
    switch (message.state) {
      case 'ringing':
        if (this.phase !== 'outgoing' || !this.call) return;
        this.call = { ...this.call, callId: message.callId, peer };
        if (this.cancelWhenRinging) {
          this.transport.send({ type: 'cancel-call', callId: message.callId });
          return;
        }
        this.pendingRing = null;
        this.room = message.room;
        this.roomKind = 'call';
        this.addPeer(peer, true); // warm: ICE + DTLS while it rings
        return this.publish();
      case 'incoming':
        if (this.phase !== 'idle') {
          this.transport.send({ type: 'answer-call', callId: message.callId, accept: false });
          return;
        }
        this.resetCallState();
        this.phase = 'incoming';
        this.call = { callId: message.callId, peer, direction: 'incoming' };
        this.room = message.room;
        this.roomKind = 'call';
        void this.media.acquire();
        this.addPeer(peer, false);
        return this.publish();
      case 'accepted':
        if (message.callId !== this.call?.callId) return;
        if (this.phase === 'outgoing') this.enterCall();
        return;
      default: {
        // `busy` comes without a prior `ringing`: match it by the ring's request id.
        const ours =
          message.callId === this.call?.callId || (!!message.rid && message.rid === this.pendingRing);
        if (!ours) return;
        if (this.phase === 'incoming' && (message.state === 'cancelled' || message.state === 'timeout')) {
          return this.endCall('missed');
        }
        if (this.phase === 'outgoing' || this.phase === 'incoming') this.endCall(message.state);
      }
    }
  }

  private onServerError(message: ServerMessageOf<'error'>): void {
    const error = serverError(message.code, message.message);
    if (this.pendingJoin && message.rid === this.pendingJoin.rid) {
      this.pendingJoin = null;
      this.phase = 'idle';
      this.fail(error);
    } else if (this.pendingRing && message.rid === this.pendingRing) {
      this.pendingRing = null;
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
      forceRelay: this.forceRelay,
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
    if (this.media.screenTrack && this.phase === 'in-call') void link.setScreenTrack(this.media.screenTrack);
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
    if (message.t === 'chat') {
      this.addChat({
        id: message.id,
        from: remote.peer.peerId,
        name: remote.peer.name,
        text: message.text,
        at: Date.now(),
        own: false,
      });
    } else {
      remote.media = { micMuted: message.micMuted, cameraOff: message.cameraOff, sharing: message.sharing };
      this.refreshScreen(remote);
    }
  }

  private refreshScreen(remote: RemotePeer): void {
    const track = remote.media.sharing ? remote.link.remoteScreen : null;
    if (remote.screen?.getVideoTracks()[0] !== track) remote.screen = track ? new MediaStream([track]) : null;
    this.publish();
  }

  private enterCall(): void {
    this.phase = 'in-call';
    for (const { link } of this.peers.values()) {
      void link.setSending(true);
      if (this.media.screenTrack) void link.setScreenTrack(this.media.screenTrack);
    }
    this.broadcastMediaState();
    this.publish();
  }

  private sendLocalTracks(): void {
    for (const { link } of this.peers.values()) this.sendTracksTo(link);
    this.publish();
  }

  private sendTracksTo(link: PeerLink): void {
    void link.setCameraTracks(this.media.audioTrack, this.media.videoTrack);
  }

  private onScreenTrack(track: MediaStreamTrack | null): void {
    if (this.phase === 'in-call') {
      for (const { link } of this.peers.values()) void link.setScreenTrack(track);
    }
    this.broadcastMediaState();
    this.publish();
  }

  private applyPreset(): void {
    for (const { link } of this.peers.values()) this.applyPresetTo(link);
  }

  private applyPresetTo(link: PeerLink): void {
    void link.setVideoParameters(
      this.quality.qualityFor(link.remotePeerId, this.qualityContext()).parameters,
    );
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
    for (const [remote, { width, height, fps }] of samples) {
      const decision = this.quality.qualityFor(remote.peer.peerId, context);
      if (JSON.stringify(decision.parameters) !== JSON.stringify(remote.sending?.parameters)) {
        void remote.link.setVideoParameters(decision.parameters);
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
    const peer = this.call?.peer ?? null;
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
    this.roomPassword = undefined;
    this.call = null;
    this.pendingJoin = null;
    this.pendingRing = null;
    this.ended = { reason, peer };
    this.publish();
  }

  private resetCallState(): void {
    this.ended = null;
    this.error = null;
    this.chat = [];
  }

  private addChat(message: ChatMessage): void {
    this.chat = [...this.chat, message];
    this.emit('chat', message);
    this.publish();
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
      call: this.call,
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
      })),
      online: this.online,
      chat: this.chat,
      micMuted: media.micMuted,
      cameraOff: media.cameraOff,
      sharing: media.screenTrack !== null,
      hasAudio: media.audioTrack !== null,
      hasVideo: media.videoTrack !== null,
      devices: media.devices,
      selected: media.selected,
      processing: media.processing,
      preset: media.preset,
      mediaError: media.error,
      error: this.error,
      forceRelay: this.forceRelay,
    };
  }
}

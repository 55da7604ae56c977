/**
 * Ringing: one call between two people from the first ring to the accept or
 * the end, on the server's `call` messages. It only keeps the call's state and
 * speaks the call protocol; the session it serves (CallSession) opens the
 * warm links, the devices and the call itself when told to.
 *
 * Privacy: nothing here opens a device. The callee's camera and microphone
 * open on accept, and the warm links carry no track before it.
 */
import type { IceServer, Peer, ServerMessageOf } from '../../shared/protocol';
import type { OutgoingMessage } from '../../shared/transport';

export type CallEndReason =
  'declined' | 'you-declined' | 'cancelled' | 'busy' | 'timeout' | 'missed' | 'left' | 'ended';

export interface CallInfo {
  callId: string | null;
  peer: Peer;
  direction: 'outgoing' | 'incoming';
}

export interface RingingHost {
  send(message: OutgoingMessage): void;
  /** True while the session is busy (in a room or another call): an incoming call is refused. */
  busy(): boolean;
  /** The call's private room is known: set up the link (ICE, DTLS) while it rings, sending nothing. */
  warm(room: string, peer: Peer, initiator: boolean, iceServers?: IceServer[]): void;
  /** Someone is calling us: show it. */
  incoming(): void;
  /** The callee accepted (we are the caller): start the call. */
  accepted(): void;
  /** The call ended before it started. */
  ended(reason: CallEndReason): void;
}

export class Ringing {
  private current: CallInfo | null = null;
  /** The `ring` request's id: `busy` and errors come back with it, before any call id. */
  private ringRid: string | null = null;
  private cancelWhenRinging = false;

  constructor(private readonly host: RingingHost) {}

  get call(): CallInfo | null {
    return this.current;
  }

  /** Rings a person; `rid` tags the request. */
  ring(peer: Peer, rid: string): void {
    this.current = { callId: null, peer, direction: 'outgoing' };
    this.ringRid = rid;
    this.cancelWhenRinging = false;
    this.host.send({ type: 'ring', rid, to: peer.peerId });
  }

  /** Answers the incoming call; false when there is none. */
  answer(accept: boolean): boolean {
    const callId = this.current?.direction === 'incoming' ? this.current.callId : null;
    if (!callId) return false;
    this.host.send({ type: 'answer-call', callId, accept });
    return true;
  }

  /** Stops ringing the other person (also before the server gave the call an id). */
  cancel(): void {
    if (this.current?.direction !== 'outgoing') return;
    if (this.current.callId) this.host.send({ type: 'cancel-call', callId: this.current.callId });
    else this.cancelWhenRinging = true;
  }

  /** True when a refused request was our ring. */
  isRingRequest(rid: string | undefined): boolean {
    return !!rid && rid === this.ringRid;
  }

  /** Forgets the call (it ended, or became a running call); a cancel still pending is kept. */
  clear(): void {
    if (!this.cancelWhenRinging) this.ringRid = null;
    this.current = null;
  }

  onCall(message: ServerMessageOf<'call'>): void {
    const peer = message.peer;
    switch (message.state) {
      case 'ringing':
        if (this.cancelWhenRinging && this.isRingRequest(message.rid)) {
          // Cancelled before the server named the call: cancel it now that it has a name.
          this.cancelWhenRinging = false;
          this.ringRid = null;
          this.host.send({ type: 'cancel-call', callId: message.callId });
          return;
        }
        if (this.current?.direction !== 'outgoing' || this.current.callId) return;
        this.current = { ...this.current, callId: message.callId, peer };
        this.ringRid = null;
        return this.host.warm(message.room, peer, true, message.iceServers);
      case 'incoming':
        // Already ringing here: the second call is not refused (its caller would hear
        // "declined" for a call nobody saw); it rings on until it times out, or turns busy
        // when the first one is taken.
        if (this.current?.direction === 'incoming') return;
        if (this.current || this.host.busy()) {
          this.host.send({ type: 'answer-call', callId: message.callId, accept: false });
          return;
        }
        this.current = { callId: message.callId, peer, direction: 'incoming' };
        this.host.incoming();
        return this.host.warm(message.room, peer, false, message.iceServers);
      case 'accepted':
        if (message.callId === this.current?.callId && this.current.direction === 'outgoing') {
          this.host.accepted();
        }
        return;
      default: {
        // `busy` comes without a prior `ringing`: match it by the ring's request id.
        const ours = message.callId === this.current?.callId || this.isRingRequest(message.rid);
        if (!ours || !this.current) return;
        const missed =
          this.current.direction === 'incoming' &&
          (message.state === 'cancelled' || message.state === 'timeout');
        this.host.ended(missed ? 'missed' : message.state);
      }
    }
  }
}

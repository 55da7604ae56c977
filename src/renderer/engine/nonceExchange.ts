/**
 * Commit, then reveal: each end of a link sends the hash of a fresh random
 * nonce, and reveals the nonce only once it holds the other end's hash. Both
 * nonces go into the link's code, so a man in the middle must fix his own
 * nonce (and certificate) before he learns ours: he cannot search for
 * certificates whose codes collide, and gets one guess in 2^42 per call.
 * The messages travel on the link's data channel, inside its DTLS.
 */
import type { PeerMessage } from './peerMessages';
import { fingerprintHex } from './sas';

type NonceMessage = Extract<PeerMessage, { t: 'nonce-commit' | 'nonce-reveal' }>;

export interface Nonces {
  local: Uint8Array;
  remote: Uint8Array;
}

const NONCE_BYTES = 16;

const hex = (bytes: Uint8Array) => fingerprintHex(bytes).replaceAll(':', '').toLowerCase();

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export class NonceExchange {
  /** Both nonces; rejects if the other end's nonce does not match its commitment. */
  readonly nonces: Promise<Nonces>;
  private readonly own = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  private readonly send: (message: NonceMessage) => void;
  private committed = false;
  private revealed = false;
  private theirCommitment: string | null = null;
  private settle!: { resolve(nonces: Nonces): void; reject(error: Error): void };

  constructor(send: (message: NonceMessage) => void) {
    this.send = send;
    this.nonces = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.nonces.catch(() => undefined); // read (and reported) once the link connects, not before
  }

  /** Sends our commitment (the link queues it until its channel opens). */
  async start(): Promise<void> {
    this.send({ t: 'nonce-commit', hash: await sha256Hex(this.own) });
    this.committed = true;
    this.revealWhenBothCommitted();
  }

  async receive(message: NonceMessage): Promise<void> {
    if (message.t === 'nonce-commit') {
      this.theirCommitment ??= message.hash;
      this.revealWhenBothCommitted();
      return;
    }
    const nonce = Uint8Array.from(message.nonce.match(/../g) ?? [], (pair) => parseInt(pair, 16));
    if (this.theirCommitment !== null && (await sha256Hex(nonce)) === this.theirCommitment) {
      this.settle.resolve({ local: this.own, remote: nonce });
    } else {
      this.settle.reject(new Error('the revealed nonce does not match its commitment'));
    }
  }

  private revealWhenBothCommitted(): void {
    if (!this.committed || this.theirCommitment === null || this.revealed) return;
    this.revealed = true;
    this.send({ t: 'nonce-reveal', nonce: hex(this.own) });
  }
}

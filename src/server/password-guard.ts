/**
 * Room password work under limits, so guessing stays slow and nobody can starve honest joins:
 * each address gets a few scrypt runs a minute (guesses and new locked rooms alike), each room
 * a few wrong guesses a minute, and scrypt runs take turns in a bounded queue.
 */
import type { Limits } from './config';
import { KeyedBuckets } from './rate-limit';
import { Refusal } from './refusal';
import { hashPassword, passwordMatches, type PasswordHash } from './room-password';

/** scrypt jobs at once; libuv's pool has four threads, and file reads need them too. */
const MAX_RUNNING = 4;
/** Jobs waiting their turn; past this the server is overloaded and says so. */
const MAX_WAITING = 64;

export class PasswordGuard {
  private readonly byAddress: KeyedBuckets;
  /** Wrong guesses only: a stranger cannot use up a room's allowance with right passwords, nor honest members with anything. */
  private readonly wrongByRoom: KeyedBuckets;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(limits: Limits) {
    const perAddress = limits.passwordAttemptsPerMinute;
    const perRoom = limits.roomPasswordAttemptsPerMinute;
    this.byAddress = new KeyedBuckets(perAddress / 60, perAddress);
    this.wrongByRoom = new KeyedBuckets(perRoom / 60, perRoom);
  }

  /** Whether `password` opens `stored`; refuses with `rate_limited` when `address` or `roomId` guessed too often. */
  async verify(stored: PasswordHash, password: string, address: string, roomId: string): Promise<boolean> {
    const now = Date.now();
    const wait = this.wrongByRoom.waitMs(roomId, now);
    if (wait > 0) throw tooMany(wait);
    this.spend(address, now);
    const matches = await this.run(() => passwordMatches(stored, password));
    if (!matches) this.wrongByRoom.take(roomId, Date.now());
    return matches;
  }

  /** A new room password's hash; counts against `address` like a guess (scrypt costs the same). */
  hash(password: string, address: string): Promise<PasswordHash> {
    this.spend(address, Date.now());
    return this.run(() => hashPassword(password));
  }

  /** Forgets addresses and rooms that stopped guessing. */
  sweep(now: number): void {
    this.byAddress.sweep(now);
    this.wrongByRoom.sweep(now);
  }

  private spend(address: string, now: number): void {
    if (!this.byAddress.take(address, now)) throw tooMany(this.byAddress.waitMs(address, now));
  }

  private async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running < MAX_RUNNING) this.running += 1;
    else if (this.waiting.length >= MAX_WAITING) {
      throw new Refusal('rate_limited', 'The server is busy checking passwords. Try again in a moment.');
    } else await new Promise<void>((turn) => this.waiting.push(turn)); // a finishing job hands its slot over
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

function tooMany(waitMs: number): Refusal {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new Refusal('rate_limited', `Too many password attempts. Try again in ${seconds} s.`);
}

/**
 * Room password checks under limits: guesses per client address and per room, and scrypt jobs
 * in flight, so guessing stays slow and can't starve the thread pool. Honest joins pass at once.
 */
import type { Limits } from './config';
import { KeyedBuckets } from './rate-limit';
import { Refusal } from './refusal';
import { hashPassword, passwordMatches, type PasswordHash } from './room-password';

/** scrypt jobs at once; libuv's pool has four threads, and file reads need them too. */
const MAX_IN_FLIGHT = 8;

export class PasswordGuard {
  private readonly byAddress: KeyedBuckets;
  private readonly byRoom: KeyedBuckets;
  private inFlight = 0;

  constructor(limits: Limits) {
    const perAddress = limits.passwordAttemptsPerMinute;
    const perRoom = limits.roomPasswordAttemptsPerMinute;
    this.byAddress = new KeyedBuckets(perAddress / 60, perAddress);
    this.byRoom = new KeyedBuckets(perRoom / 60, perRoom);
  }

  /** Whether `password` opens `stored`; refuses with `rate_limited` when `address` or `roomId` guessed too often. */
  async verify(stored: PasswordHash, password: string, address: string, roomId: string): Promise<boolean> {
    const now = Date.now();
    const wait = Math.max(this.byAddress.waitMs(address, now), this.byRoom.waitMs(roomId, now));
    if (wait > 0 || !this.byAddress.take(address, now) || !this.byRoom.take(roomId, now)) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      throw new Refusal('rate_limited', `Too many password attempts. Try again in ${seconds} s.`);
    }
    return this.run(() => passwordMatches(stored, password));
  }

  hash(password: string): Promise<PasswordHash> {
    return this.run(() => hashPassword(password));
  }

  /** Forgets addresses and rooms that stopped guessing. */
  sweep(now: number): void {
    this.byAddress.sweep(now);
    this.byRoom.sweep(now);
  }

  private async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      throw new Refusal('rate_limited', 'The server is busy checking passwords. Try again in a moment.');
    }
    this.inFlight += 1;
    try {
      return await job();
    } finally {
      this.inFlight -= 1;
    }
  }
}

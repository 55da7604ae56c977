/** A token bucket per connection: `burst` messages at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Spends one token; false when the bucket is empty. */
  take(now: number): boolean {
    const refill = ((now - this.last) * this.perSecond) / 1000;
    if (refill > 0) {
      this.tokens = Math.min(this.burst, this.tokens + refill);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * A small token bucket per key (a remote address): each holds at most `capacity` tokens and
 * regains one every `refillMs`; a call takes one or is refused. Memory is bounded: at most
 * `maxKeys` buckets, kept in order of last use, and a bucket left alone long enough to be full
 * again is the same as none, so it is dropped. When every bucket is still in use and the map is
 * full, a new key is refused (the server is being asked by more addresses than it keeps track of).
 */
export class AddressBuckets {
  /** Tokens left and when they were counted, in order of last use (oldest first). */
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    private readonly maxKeys = 4096,
    private readonly now: () => number = Date.now,
  ) {
    if (!(capacity >= 1 && refillMs > 0 && maxKeys >= 1)) throw new RangeError('AddressBuckets: capacity, refillMs and maxKeys must be positive');
  }

  /** Takes a token for `key`: true when it had one, false when it must wait. */
  take(key: string): boolean {
    const now = this.now();
    this.forgetFull(now);
    const held = this.buckets.get(key);
    if (!held && this.buckets.size >= this.maxKeys) return false;
    const tokens = held ? this.level(held, now) : this.capacity;
    // Re-inserted, so the map stays ordered by last use.
    this.buckets.delete(key);
    if (tokens < 1) {
      // Left as counted (refilling from its last token), only moved to the recent end.
      if (held) this.buckets.set(key, held);
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  /** How many keys are held now (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }

  /** Tokens in `bucket` at `now` (a clock that stepped back refills nothing). */
  private level(bucket: { tokens: number; at: number }, now: number): number {
    return Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) / this.refillMs);
  }

  /**
   * Drops the least recently used buckets that have refilled completely, up to the first one
   * still refilling: amortised constant work, and every bucket is full (so dropped) at most
   * `capacity * refillMs` after its last use.
   */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.level(bucket, now) < this.capacity) return;
      this.buckets.delete(key);
    }
  }
}

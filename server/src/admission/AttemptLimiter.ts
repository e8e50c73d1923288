/**
 * Counts failed attempts per key (a remote address) in a sliding window. Once a key has `max`
 * failures within `windowMs`, every further attempt is refused until the oldest falls out of the
 * window: with max 10, the 11th wrong code within a minute is refused, whatever it is.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `key` may try now. */
  allows(key: string): boolean {
    return this.recent(key).length < this.max;
  }

  /** Records one failed attempt by `key`. */
  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    // Addresses that stopped trying are forgotten, so the map cannot grow without bound.
    if (this.failures.size > 4096) for (const other of [...this.failures.keys()]) if (this.recent(other).length === 0) this.failures.delete(other);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}

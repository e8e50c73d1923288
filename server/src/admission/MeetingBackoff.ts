/**
 * Wrong passcodes for one meeting, from every address together: after `max` failures within a
 * minute the meeting refuses every attempt for a lockout that doubles each time (1, 2, 4 ... 60
 * minutes), so rotating source addresses buys nothing. A right passcode resets it.
 */
export class MeetingBackoff {
  private failures: number[] = [];
  private lockouts = 0;
  private lockedUntil = 0;

  constructor(
    private readonly max: number,
    private readonly now: () => number = Date.now,
    private readonly baseLockMs = 60_000,
    private readonly maxLockMs = 3_600_000,
  ) {}

  /** Milliseconds until attempts are taken again; 0 when they are now. */
  lockedForMs(): number {
    return Math.max(0, this.lockedUntil - this.now());
  }

  /** Records a wrong passcode; returns the lockout it started (ms), or 0. */
  fail(): number {
    const now = this.now();
    this.failures = this.failures.filter((at) => at > now - 60_000);
    this.failures.push(now);
    if (this.failures.length < this.max) return 0;
    const lockMs = Math.min(this.maxLockMs, this.baseLockMs * 2 ** this.lockouts);
    this.lockouts++;
    this.failures = [];
    this.lockedUntil = now + lockMs;
    return lockMs;
  }

  succeed(): void {
    this.failures = [];
    this.lockouts = 0;
  }
}

import type { RtpSource } from './RtpSource';

/**
 * Drives a set of sources from one timer. Node timers are coarse (~1 ms) and the sources catch up
 * on their own schedule, so a 5 ms tick keeps rates exact without busy-waiting.
 */
export class Generator {
  private timer: NodeJS.Timeout | undefined;
  private readonly sources: RtpSource[] = [];

  add(source: RtpSource): void {
    this.sources.push(source);
  }

  get all(): readonly RtpSource[] {
    return this.sources;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const now = performance.now();
      for (const source of this.sources) source.tick(now);
    }, 5);
  }

  /** Stops sending. Safe to call twice. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

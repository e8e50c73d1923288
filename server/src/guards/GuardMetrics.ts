import type { Logger } from '../logger';

/** The names of the counters a server exposes at `/metrics` (one per limit, plus moderation). */
export type GuardEvent =
  | 'slowReaderClosed'
  | 'preJoinIdleClosed'
  | 'fragmentTimeoutClosed'
  | 'unsolicitedPong'
  | 'socketsPerAddressRefused'
  | 'roomsPerAddressRefused'
  | 'maxRoomsRefused'
  | 'participantsPerRoomRefused'
  | 'passcodeBackoff'
  | 'wrongCode'
  | 'lobbyFullRefused'
  | 'meetingLookupsRefused'
  | 'requestsInFlightRefused';

/**
 * Counts what the guards refused, per server instance. Every refusal goes through `count` with its
 * log line, so a limit that bites is both visible in the log and countable by monitoring.
 */
export class GuardMetrics {
  private readonly counts = new Map<GuardEvent, number>();

  constructor(private readonly logger: Logger) {}

  /** Counts one `event` and logs `detail` (at warn: someone hit a limit). */
  count(event: GuardEvent, detail: string): void {
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
    this.logger.warn(`${event} | ${detail}`);
  }

  get(event: GuardEvent): number {
    return this.counts.get(event) ?? 0;
  }

  snapshot(): Partial<Record<GuardEvent, number>> {
    return Object.fromEntries(this.counts);
  }

  /** Prometheus text format: `parley_guard_total{event="slowReaderClosed"} 3`. */
  prometheus(): string {
    const lines = ['# HELP parley_guard_total Requests, sockets and rooms refused or closed by a limit.', '# TYPE parley_guard_total counter'];
    for (const [event, value] of this.counts) lines.push(`parley_guard_total{event="${event}"} ${value}`);
    return `${lines.join('\n')}\n`;
  }
}

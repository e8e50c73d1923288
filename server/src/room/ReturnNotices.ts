import { MAX_REMOVED_CLIENTS } from '../auth/MeetingRecordStore';
import { AddressBuckets } from '../guards/AddressBuckets';

/** One notice per removed browser per this long. */
export const RETURN_NOTICE_INTERVAL_MS = 60_000;

/**
 * When the hosts hear that a removed browser tried to come back: the first attempt, then at most
 * once a minute per browser, however often it reloads. Every attempt is still refused; only the
 * notices are spared. Memory is bounded (AddressBuckets: a browser quiet for a minute is forgotten).
 */
export class ReturnNotices {
  private readonly due: AddressBuckets;

  constructor(now: () => number = Date.now, intervalMs = RETURN_NOTICE_INTERVAL_MS) {
    // As many as a meeting records removed browsers: only those are ever asked about.
    this.due = new AddressBuckets(1, intervalMs, MAX_REMOVED_CLIENTS, now);
  }

  /** Whether this attempt by `clientId` is one to tell the hosts about (and counts it). */
  shouldTell(clientId: string): boolean {
    return this.due.take(clientId);
  }
}

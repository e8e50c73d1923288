/**
 * When to try joining again after the server dropped the session (a media worker died, the
 * server restarted, the network went away): quickly at first, then backing off, and giving up
 * after about a minute so a dead server ends in a clear message rather than a spinner forever.
 */
export const REJOIN_DELAYS_MS: readonly number[] = [200, 500, 1000, 2000, 3000, 5000, 5000, 8000, 8000, 10000, 10000];

/** The delay before attempt `attempt` (0-based), or null when it is time to give up. */
export function rejoinDelay(attempt: number): number | null {
  return REJOIN_DELAYS_MS[attempt] ?? null;
}

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

/**
 * How long a dropped session tries to resume (same peer, ICE restart) before it joins afresh; a
 * little under the server's default grace (20 s), after which the server has released the peer.
 */
export const RESUME_WINDOW_MS = 15_000;

/** Between resume attempts: short, since a network that comes back is announced by `online` anyway. */
export const RESUME_DELAYS_MS: readonly number[] = [250, 500, 1000, 1000, 2000];

export function resumeDelay(attempt: number): number {
  return RESUME_DELAYS_MS[Math.min(attempt, RESUME_DELAYS_MS.length - 1)]!;
}

/** Why a benchmark step could not produce a number. Every failure carries one of these codes. */
export const BenchErrorCode = {
  /** A tool the suite needs is missing and cannot be installed here (not root, no package). */
  MissingTool: 'MISSING_TOOL',
  /** A child process (relay, server, Janus) did not start or died. */
  ProcessFailed: 'PROCESS_FAILED',
  /** A bounded wait ran out before the condition held. */
  Timeout: 'TIMEOUT',
  /** Media did not flow where it had to (no packets, no decoded frame). */
  NoMedia: 'NO_MEDIA',
  /** A measurement came out unusable (no samples, zero CPU time). */
  BadMeasurement: 'BAD_MEASUREMENT',
} as const;
export type BenchErrorCode = (typeof BenchErrorCode)[keyof typeof BenchErrorCode];

export class BenchError extends Error {
  override readonly name = 'BenchError';

  constructor(
    readonly code: BenchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passes (then TIMEOUT). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  description: string,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new BenchError(BenchErrorCode.Timeout, `timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a failed join, resume or rejoin means for the session, decided once from the server's coded error. */
import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import { CloseCode } from '../../../../src-common/protocol';
import { finalCloseMessage } from './notifications';
import type { AttemptFailure } from './recoveryPolicy';
import { isRefusal, tokenVerdict } from './resume';

/**
 * The meeting ended, or this person was removed, while they were away (resuming or rejoining):
 * the session ends as it would have had the close reached them, and is not started again.
 */
export function endedForGood(error: unknown): AttemptFailure | null {
  const verdict = tokenVerdict(error);
  if (verdict === 'ended') return { kind: 'final', message: finalCloseMessage(CloseCode.Ended, ''), closeCode: CloseCode.Ended };
  if (verdict === 'removed') return { kind: 'final', message: finalCloseMessage(CloseCode.Removed, ''), closeCode: CloseCode.Removed };
  return null;
}

/** A resume (or the ICE restart after it) that failed: refused (join afresh), unreachable (try again), or final. */
export function resumeFailure(error: unknown): AttemptFailure {
  return endedForGood(error) ?? { kind: isRefusal(error) ? 'refused' : 'unreachable' };
}

/**
 * A rejoin that failed: tried again unless the server said this person may not come back (a
 * token it refuses, a meeting that is locked or gone). A full room or server may have room later.
 */
export function rejoinFailure(error: unknown): AttemptFailure {
  const ended = endedForGood(error);
  if (ended) return ended;
  if (!(error instanceof ParleyError)) return { kind: 'unreachable' };
  const meetingGone = error.code === ErrorCode.NotFound && error.reason === ErrorReason.NoSuchMeeting;
  if (error.code === ErrorCode.Unauthorized || error.code === ErrorCode.Forbidden || meetingGone) {
    return { kind: 'final', message: error.message, closeCode: null };
  }
  return { kind: 'unreachable' };
}

/**
 * A join with a session token the server no longer takes (expired, or a server that restarted with
 * new keys) joins afresh as a new peer; a removed participant stays out.
 */
export function mayJoinAfresh(error: unknown): boolean {
  return tokenVerdict(error) === 'stale';
}

/**
 * The session's reconnection policy as a pure state machine: which facts (a socket closed, the
 * server went silent, the network changed, an attempt failed) lead to a resume, a full rejoin or
 * giving up. It decides; Reconnector waits and runs the attempts; RoomSession does them.
 */
import { assertUnreachable } from '../../../../src-common/errors';
import { CloseCode, isFinalClose } from '../../../../src-common/protocol';
import { finalCloseMessage } from './notifications';
import { rejoinDelay, RESUME_WINDOW_MS, resumeDelay } from './rejoin';

export type RecoveryPhase =
  /** The first join is under way: any close fails it (nothing to resume yet). */
  | { name: 'connecting' }
  | { name: 'joined' }
  /** Taking the same peer back on a new socket; `since` is when the drop was noticed. */
  | { name: 'resuming'; attempt: number; since: number }
  /** Joining again as a new connection of the same person, after the server let the peer go. */
  | { name: 'rejoining'; attempt: number }
  | { name: 'ended' };

/** Why a resume or rejoin attempt did not work. */
export type AttemptFailure =
  /** The server could not be reached or did not answer: try again. */
  | { kind: 'unreachable' }
  /** The server no longer has this peer (or its transports): a resume gives way to a rejoin. */
  | { kind: 'refused' }
  /** Nothing to come back to (removed, the meeting ended, not allowed in): the session ends. */
  | { kind: 'final'; message: string; closeCode: number | null };

export type RecoveryEvent =
  /** The first join, a resume or a rejoin completed. */
  | { type: 'joined' }
  /** The current socket closed. */
  | { type: 'closed'; code: number; reason: string }
  /** The current socket went silent: as good as closed, only TCP has not noticed yet. */
  | { type: 'silent' }
  /** The network changed or a media path was lost (see NetworkWatch). */
  | { type: 'network' }
  | { type: 'attemptFailed'; failure: AttemptFailure }
  /** The user left, or the session failed for a reason found elsewhere. */
  | { type: 'ended' };

export type RecoveryEffect =
  /** Tell the user the session is reconnecting. */
  | { do: 'announceReconnecting' }
  /** A new signal came while waiting between attempts: stop waiting, try now. */
  | { do: 'wake' }
  | { do: 'resume'; delayMs: number }
  /** Remember who was here and release the connection's media (local capture stays): once, before the first rejoin. */
  | { do: 'release' }
  | { do: 'rejoin'; attempt: number; delayMs: number }
  | { do: 'fail'; message: string; closeCode: number | null };

export interface Transition {
  phase: RecoveryPhase;
  effects: RecoveryEffect[];
}

export const GAVE_UP_MESSAGE = 'The connection to the server was lost and could not be restored.';

const stay = (phase: RecoveryPhase): Transition => ({ phase, effects: [] });
const fail = (message: string, closeCode: number | null): Transition => ({ phase: { name: 'ended' }, effects: [{ do: 'fail', message, closeCode }] });

function startRejoin(attempt: number, first: boolean): Transition {
  const delayMs = rejoinDelay(attempt);
  if (delayMs === null) return fail(GAVE_UP_MESSAGE, null);
  return { phase: { name: 'rejoining', attempt }, effects: [...(first ? [{ do: 'release' } as const] : []), { do: 'rejoin', attempt, delayMs }] };
}

function onLoss(phase: RecoveryPhase, now: number, roomClosed: boolean): Transition {
  switch (phase.name) {
    case 'joined': {
      // The room went away under us (worker died): there is no peer to resume.
      if (roomClosed) {
        const next = startRejoin(0, true);
        return { ...next, effects: [{ do: 'announceReconnecting' }, ...next.effects] };
      }
      return { phase: { name: 'resuming', attempt: 0, since: now }, effects: [{ do: 'announceReconnecting' }, { do: 'resume', delayMs: 0 }] };
    }
    // Already on it: a new signal (the network came back) only cuts the current wait short.
    case 'resuming':
    case 'rejoining':
      return { phase, effects: [{ do: 'wake' }] };
    default:
      return stay(phase);
  }
}

function onFailure(phase: RecoveryPhase, failure: AttemptFailure, now: number): Transition {
  if (failure.kind === 'final') return fail(failure.message, failure.closeCode);
  if (phase.name === 'resuming') {
    if (failure.kind === 'refused' || now - phase.since >= RESUME_WINDOW_MS) return startRejoin(0, true);
    return { phase: { ...phase, attempt: phase.attempt + 1 }, effects: [{ do: 'resume', delayMs: resumeDelay(phase.attempt) }] };
  }
  if (phase.name === 'rejoining') return startRejoin(phase.attempt + 1, false);
  return stay(phase);
}

/** The next phase and what to do, for one event at time `now` (ms). */
export function transition(phase: RecoveryPhase, event: RecoveryEvent, now: number): Transition {
  if (phase.name === 'ended') return stay(phase);
  switch (event.type) {
    case 'ended':
      return { phase: { name: 'ended' }, effects: [{ do: 'wake' }] };
    case 'joined':
      return stay({ name: 'joined' });
    case 'closed':
      // Removed or ended for all, or closed before the first join completed: nothing to come back to.
      if (isFinalClose(event.code) || phase.name === 'connecting') return fail(finalCloseMessage(event.code, event.reason), isFinalClose(event.code) ? event.code : null);
      return onLoss(phase, now, event.code === CloseCode.RoomClosed);
    case 'silent':
    case 'network':
      return onLoss(phase, now, false);
    case 'attemptFailed':
      return onFailure(phase, event.failure, now);
    default:
      return assertUnreachable(event);
  }
}

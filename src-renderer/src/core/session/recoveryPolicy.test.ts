import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../src-common/protocol';
import { finalCloseMessage } from './notifications';
import { GAVE_UP_MESSAGE, transition, type RecoveryEffect, type RecoveryEvent, type RecoveryPhase } from './recoveryPolicy';
import { REJOIN_DELAYS_MS, RESUME_DELAYS_MS, RESUME_WINDOW_MS } from './rejoin';

const NOW = 100_000;
const connecting: RecoveryPhase = { name: 'connecting' };
const joined: RecoveryPhase = { name: 'joined' };
const resuming = (attempt: number, since = NOW): RecoveryPhase => ({ name: 'resuming', attempt, since });
const rejoining = (attempt: number): RecoveryPhase => ({ name: 'rejoining', attempt });
const ended: RecoveryPhase = { name: 'ended' };

const closed = (code: number, reason = 'gone'): RecoveryEvent => ({ type: 'closed', code, reason });
const unreachable: RecoveryEvent = { type: 'attemptFailed', failure: { kind: 'unreachable' } };
const refused: RecoveryEvent = { type: 'attemptFailed', failure: { kind: 'refused' } };
const removedWhileAway: RecoveryEvent = { type: 'attemptFailed', failure: { kind: 'final', message: 'You were removed from the meeting.', closeCode: CloseCode.Removed } };

const reconnecting: RecoveryEffect = { do: 'announceReconnecting' };
const resumeNow: RecoveryEffect = { do: 'resume', delayMs: 0 };
const release: RecoveryEffect = { do: 'release' };
const rejoin = (attempt: number): RecoveryEffect => ({ do: 'rejoin', attempt, delayMs: REJOIN_DELAYS_MS[attempt]! });
const fail = (message: string, closeCode: number | null = null): RecoveryEffect => ({ do: 'fail', message, closeCode });

type Row = [string, RecoveryPhase, RecoveryEvent, RecoveryPhase, RecoveryEffect[], number?];

const table: Row[] = [
  // The first join
  ['the first join completes', connecting, { type: 'joined' }, joined, []],
  ['a socket closed during the first join fails it', connecting, closed(1006, 'abnormal'), ended, [fail(finalCloseMessage(1006, 'abnormal'))]],
  ['silence during the first join is left to the join’s own timeouts', connecting, { type: 'silent' }, connecting, []],
  ['a network change during the first join changes nothing', connecting, { type: 'network' }, connecting, []],
  // Losing the connection once joined
  ['a dropped socket starts a resume at once', joined, closed(1006), resuming(0), [reconnecting, resumeNow]],
  ['a silent server starts a resume', joined, { type: 'silent' }, resuming(0), [reconnecting, resumeNow]],
  ['a lost network or media path starts a resume', joined, { type: 'network' }, resuming(0), [reconnecting, resumeNow]],
  ['a closed room (worker died) goes straight to a rejoin', joined, closed(CloseCode.RoomClosed), rejoining(0), [reconnecting, release, rejoin(0)]],
  ['being removed ends the session with the close code', joined, closed(CloseCode.Removed, 'Ana removed you'), ended, [fail(finalCloseMessage(CloseCode.Removed, 'Ana removed you'), CloseCode.Removed)]],
  ['the meeting ending for all ends the session', joined, closed(CloseCode.Ended, ''), ended, [fail(finalCloseMessage(CloseCode.Ended, ''), CloseCode.Ended)]],
  // Resuming
  ['a resume that works is back to joined', resuming(2), { type: 'joined' }, joined, []],
  ['an unreachable server is tried again after the next delay', resuming(0), unreachable, resuming(1), [{ do: 'resume', delayMs: RESUME_DELAYS_MS[0]! }], NOW + 1_000],
  ['later resume delays back off to the last one', resuming(9), unreachable, resuming(10), [{ do: 'resume', delayMs: RESUME_DELAYS_MS.at(-1)! }], NOW + 1_000],
  ['past the resume window the session joins afresh', resuming(7), unreachable, rejoining(0), [release, rejoin(0)], NOW + RESUME_WINDOW_MS],
  ['a refused resume joins afresh at once', resuming(0), refused, rejoining(0), [release, rejoin(0)]],
  ['removed while away ends the session', resuming(1), removedWhileAway, ended, [fail('You were removed from the meeting.', CloseCode.Removed)]],
  ['a new signal while resuming cuts the wait short', resuming(3), { type: 'network' }, resuming(3), [{ do: 'wake' }]],
  ['the new socket closing while resuming cuts the wait short', resuming(1), closed(1006), resuming(1), [{ do: 'wake' }]],
  ['a final close while resuming ends the session', resuming(1), closed(CloseCode.Ended, 'bye'), ended, [fail(finalCloseMessage(CloseCode.Ended, 'bye'), CloseCode.Ended)]],
  // Rejoining
  ['a rejoin that works is back to joined', rejoining(4), { type: 'joined' }, joined, []],
  ['a failed rejoin is tried again, backing off, without releasing again', rejoining(0), unreachable, rejoining(1), [rejoin(1)]],
  ['a refused rejoin is tried again too', rejoining(2), refused, rejoining(3), [rejoin(3)]],
  ['after the last delay it gives up with a clear message', rejoining(REJOIN_DELAYS_MS.length - 1), unreachable, ended, [fail(GAVE_UP_MESSAGE)]],
  ['not allowed back in ends the session', rejoining(1), { type: 'attemptFailed', failure: { kind: 'final', message: 'token expired', closeCode: null } }, ended, [fail('token expired')]],
  ['a new signal while rejoining cuts the wait short', rejoining(2), { type: 'silent' }, rejoining(2), [{ do: 'wake' }]],
  // Ending
  ['leaving while resuming wakes the waiting attempt so it stops', resuming(1), { type: 'ended' }, ended, [{ do: 'wake' }]],
  ['leaving while joined ends it', joined, { type: 'ended' }, ended, [{ do: 'wake' }]],
  ['an ended session ignores a late attempt outcome', ended, unreachable, ended, []],
  ['an ended session ignores a late close', ended, closed(1006), ended, []],
  ['an ended session ignores a late success', ended, { type: 'joined' }, ended, []],
];

describe('the reconnection policy', () => {
  it.each(table)('%s', (_name, phase, event, nextPhase, effects, now = NOW) => {
    expect(transition(phase, event, now)).toEqual({ phase: nextPhase, effects });
  });

  it('keeps resuming through the window, then joins afresh, then gives up after the last rejoin', () => {
    let phase: RecoveryPhase = joined;
    const log: string[] = [];
    const step = (event: RecoveryEvent, now: number): void => {
      const next = transition(phase, event, now);
      phase = next.phase;
      log.push(`${phase.name}:${next.effects.map((e) => e.do).join(',')}`);
    };
    step({ type: 'network' }, 0);
    for (let t = 1_000; t < RESUME_WINDOW_MS; t += 1_000) step(unreachable, t);
    expect(phase).toEqual({ name: 'resuming', attempt: 14, since: 0 });
    step(unreachable, RESUME_WINDOW_MS);
    expect(phase).toEqual(rejoining(0));
    for (let i = 1; i < REJOIN_DELAYS_MS.length; i++) step(unreachable, RESUME_WINDOW_MS + i);
    expect(phase).toEqual(rejoining(REJOIN_DELAYS_MS.length - 1));
    step(unreachable, RESUME_WINDOW_MS + 99);
    expect(phase).toEqual(ended);
    expect(log.filter((l) => l.includes('release'))).toEqual(['rejoining:release,rejoin']);
    expect(log.at(-1)).toBe('ended:fail');
  });
});

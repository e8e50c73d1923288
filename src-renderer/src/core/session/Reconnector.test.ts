import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnector, type RecoveryActions } from './Reconnector';
import type { AttemptFailure } from './recoveryPolicy';
import { REJOIN_DELAYS_MS, RESUME_DELAYS_MS } from './rejoin';

/** Actions that record what they were asked and answer resumes and rejoins from queues. */
function fakeActions(resumes: Array<AttemptFailure | null | Error>, rejoins: Array<AttemptFailure | null> = []) {
  const calls: string[] = [];
  const answer = async (queue: Array<AttemptFailure | null | Error>, name: string): Promise<AttemptFailure | null> => {
    calls.push(name);
    const next = queue.shift();
    if (next instanceof Error) throw next;
    return next ?? null;
  };
  const actions: RecoveryActions = {
    announceReconnecting: () => void calls.push('reconnecting'),
    resume: () => answer(resumes, 'resume'),
    release: () => void calls.push('release'),
    rejoin: () => answer(rejoins, 'rejoin'),
    fail: (message) => void calls.push(`fail: ${message}`),
  };
  return { actions, calls };
}

const joinedReconnector = (actions: RecoveryActions): Reconnector => {
  const reconnector = new Reconnector(actions);
  reconnector.dispatch({ type: 'joined' });
  return reconnector;
};

describe('the reconnector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resumes at once and is joined again when the resume works', async () => {
    const { actions, calls } = fakeActions([null]);
    const reconnector = joinedReconnector(actions);
    reconnector.dispatch({ type: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['reconnecting', 'resume']);
    expect(reconnector.phase).toEqual({ name: 'joined' });
  });

  it('waits the resume delay between attempts, and a new signal cuts the wait short', async () => {
    const { actions, calls } = fakeActions([{ kind: 'unreachable' }, null]);
    const reconnector = joinedReconnector(actions);
    reconnector.dispatch({ type: 'silent' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['reconnecting', 'resume']);
    await vi.advanceTimersByTimeAsync(RESUME_DELAYS_MS[0]! - 10);
    expect(calls).toHaveLength(2);
    reconnector.dispatch({ type: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['reconnecting', 'resume', 'resume']);
    expect(reconnector.phase.name).toBe('joined');
  });

  it('joins afresh after a refused resume, releasing once, and retries a failed rejoin after its delay', async () => {
    const { actions, calls } = fakeActions([{ kind: 'refused' }], [{ kind: 'unreachable' }, null]);
    const reconnector = joinedReconnector(actions);
    reconnector.dispatch({ type: 'closed', code: 1006, reason: 'abnormal' });
    await vi.advanceTimersByTimeAsync(REJOIN_DELAYS_MS[0]!);
    expect(calls).toEqual(['reconnecting', 'resume', 'release', 'rejoin']);
    await vi.advanceTimersByTimeAsync(REJOIN_DELAYS_MS[1]!);
    expect(calls).toEqual(['reconnecting', 'resume', 'release', 'rejoin', 'rejoin']);
    expect(reconnector.phase.name).toBe('joined');
  });

  it('retries an attempt that threw instead of saying why', async () => {
    const { actions, calls } = fakeActions([new Error('bug'), null]);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reconnector = joinedReconnector(actions);
    reconnector.dispatch({ type: 'network' });
    await vi.advanceTimersByTimeAsync(RESUME_DELAYS_MS[0]!);
    expect(calls).toEqual(['reconnecting', 'resume', 'resume']);
    expect(reconnector.phase.name).toBe('joined');
  });

  it('runs no attempt once the session ended during the wait', async () => {
    const { actions, calls } = fakeActions([{ kind: 'unreachable' }]);
    const reconnector = joinedReconnector(actions);
    reconnector.dispatch({ type: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    reconnector.dispatch({ type: 'ended' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['reconnecting', 'resume']);
    expect(reconnector.phase.name).toBe('ended');
  });

  it('fails the session when the server says it was removed while away', async () => {
    const { actions, calls } = fakeActions([{ kind: 'final', message: 'You were removed from the meeting.', closeCode: 4001 }]);
    const reconnector = joinedReconnector(actions);
    reconnector.dispatch({ type: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['reconnecting', 'resume', 'fail: You were removed from the meeting.']);
  });
});

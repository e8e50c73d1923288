import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerId } from '../../../../src-common/ids';
import { CloseCode } from '../../../../src-common/protocol';
import { Hands } from './Hands';
import { finalCloseMessage, finalEndOf } from '../session/notifications';
import { Notices } from './Notices';
import { Reactions } from './Reactions';
import type { Requester } from './types';

const p = (id: string) => id as PeerId;
const ok = (async () => ({})) as unknown as Requester;

describe('notices, reactions and hands', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('shows a notice for a while, then drops it; keeps only the latest few', () => {
    const notices = new Notices(1000);
    for (let i = 1; i <= 7; i++) notices.info(`n${i}`);
    expect(notices.state.get().map((n) => n.text)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
    vi.advanceTimersByTime(1001);
    expect(notices.state.get()).toEqual([]);
    notices.close();
  });

  it('shows a reaction over its sender for a few seconds; a new one restarts the time', () => {
    const reactions = new Reactions(ok, new Notices(), 4000);
    reactions.show(p('ben'), '👍');
    vi.advanceTimersByTime(3000);
    reactions.show(p('ben'), '🎉');
    vi.advanceTimersByTime(3000);
    expect(reactions.state.get().get(p('ben'))?.reaction).toBe('🎉');
    vi.advanceTimersByTime(1001);
    expect(reactions.state.get().size).toBe(0);
    reactions.close();
  });

  it('keeps hands in the order they were raised and tells which went up', () => {
    const hands = new Hands(ok, new Notices());
    expect(hands.set([{ peerId: p('b'), raisedAt: 20 }, { peerId: p('a'), raisedAt: 10 }])).toEqual(['b', 'a']);
    expect(hands.set([{ peerId: p('a'), raisedAt: 10 }, { peerId: p('b'), raisedAt: 20 }, { peerId: p('c'), raisedAt: 30 }])).toEqual(['c']);
    expect(hands.state.get().map((h) => h.peerId)).toEqual(['a', 'b', 'c']);
    expect([hands.position(p('c')), hands.position(p('x')), hands.isRaised(p('a'))]).toEqual([3, null, true]);
  });
});

describe('why a meeting ended for good', () => {
  it.each([
    [CloseCode.Removed, 'Ana removed you from the meeting', 'Ana removed you from the meeting.', 'removed'],
    [CloseCode.Removed, 'disruptive', 'You were removed from the meeting: disruptive.', 'removed'],
    [CloseCode.Ended, 'Ana ended the meeting', 'The meeting has ended: Ana ended the meeting.', 'ended'],
    [CloseCode.Superseded, '', 'You joined this meeting from another window or device, so this one left.', null],
    [1006, 'gone', 'The connection to the server was lost (gone).', null],
  ])('close %i with "%s" reads "%s"', (code, reason, text, end) => {
    expect(finalCloseMessage(code, reason)).toBe(text);
    expect(finalEndOf(code)).toBe(end);
  });
});

import { describe, expect, it } from 'vitest';
import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import type { NotificationData, NotificationMethod } from '../../../../src-common/protocol';
import { lookupMeetingName, MeetingEntry, type EntrySignaling } from './MeetingEntry';

/** A signaling stand-in answering `enterMeeting` with `answer`; `push` plays a notification. */
function fakeSignaling(answer: () => Promise<unknown>) {
  let notify: <N extends NotificationMethod>(method: N, data: NotificationData[N]) => void = () => {};
  let closedHandler: (reason: string, code: number) => void = () => {};
  const calls: unknown[] = [];
  const fake = {
    closed: false,
    calls,
    request: ((method: string, data: unknown) => {
      calls.push({ method, data });
      return answer();
    }) as EntrySignaling['request'],
    onNotification: (handler: typeof notify) => void (notify = handler),
    onClosed: (handler: typeof closedHandler) => void (closedHandler = handler),
    close() {
      fake.closed = true;
    },
    push: <N extends NotificationMethod>(method: N, data: NotificationData[N]) => notify(method, data),
    drop: () => closedHandler('gone', 1006),
  };
  return fake;
}

const options = { signalingUrl: 'wss://x/ws', code: '4F7-Q2K', displayName: 'Gus' };

describe('MeetingEntry', () => {
  it('waits in the lobby and ends with the room and token once admitted', async () => {
    const signaling = fakeSignaling(async () => ({ status: 'waiting', meetingName: 'Standup' }));
    const entry = await MeetingEntry.enter({ ...options, passcode: '' }, async () => signaling);
    expect(signaling.calls).toEqual([{ method: 'enterMeeting', data: { code: '4F7-Q2K', displayName: 'Gus' } }]);
    expect(entry.state.get()).toEqual({ status: 'waiting', meetingName: 'Standup' });
    signaling.push('admissionDecided', { admitted: true, roomId: 'lan-1' as never, sessionToken: 't' });
    expect(entry.state.get()).toEqual({ status: 'admitted', meetingName: 'Standup', roomId: 'lan-1', sessionToken: 't' });
    expect(signaling.closed).toBe(true);
  });

  it('shows the host\'s refusal', async () => {
    const signaling = fakeSignaling(async () => ({ status: 'waiting', meetingName: 'Standup' }));
    const entry = await MeetingEntry.enter(options, async () => signaling);
    signaling.push('admissionDecided', { admitted: false, reason: 'the host did not let you in' });
    expect(entry.state.get()).toEqual({ status: 'denied', reason: 'the host did not let you in' });
  });

  it('words a wrong code and too many guesses for people, and a lost connection while waiting', async () => {
    const wrong = await MeetingEntry.enter(options, async () => fakeSignaling(() => Promise.reject(new ParleyError(ErrorCode.NotFound, 'x'))));
    expect(wrong.state.get()).toEqual({ status: 'failed', error: 'No meeting has that code, or the passcode is wrong.' });
    const limited = await MeetingEntry.enter(options, async () => fakeSignaling(() => Promise.reject(new ParleyError(ErrorCode.RateLimited, 'x'))));
    expect(limited.state.get()).toMatchObject({ status: 'failed', error: expect.stringMatching(/Wait a minute/) });
    const dropped = fakeSignaling(async () => ({ status: 'waiting', meetingName: 'Standup' }));
    const entry = await MeetingEntry.enter(options, async () => dropped);
    dropped.drop();
    expect(entry.state.get()).toMatchObject({ status: 'failed', error: expect.stringMatching(/lost while waiting/) });
  });

  it.each([
    [ErrorReason.TooManyWrongCodes, /wrong codes from this network address/],
    [ErrorReason.PasscodeGuessing, /wrong passcodes were tried for this meeting/],
    [ErrorReason.LobbyFull, /lobby is full/],
    [ErrorReason.TooManyWaiting, /already waiting/],
    [undefined, /Too many attempts/],
  ])('tells a guest refused as RATE_LIMITED (%s) the sentence for that reason', async (reason, sentence) => {
    const refusal = new ParleyError(ErrorCode.RateLimited, 'server wording the client never shows', reason);
    const entry = await MeetingEntry.enter(options, async () => fakeSignaling(() => Promise.reject(refusal)));
    expect(entry.state.get()).toEqual({ status: 'failed', error: expect.stringMatching(sentence) });
  });

  it('tells a guest of a locked meeting so', async () => {
    const refusal = new ParleyError(ErrorCode.Forbidden, 'x', ErrorReason.Locked);
    const entry = await MeetingEntry.enter(options, async () => fakeSignaling(() => Promise.reject(refusal)));
    expect(entry.state.get()).toEqual({ status: 'failed', error: expect.stringMatching(/locked this meeting/) });
  });

  it('says so when the host cannot be reached at all', async () => {
    const entry = await MeetingEntry.enter(options, () => Promise.reject(new Error('refused')));
    expect(entry.state.get()).toMatchObject({ status: 'failed', error: expect.stringMatching(/cannot be reached/) });
  });
});

describe('lookupMeetingName', () => {
  it('asks for the code\'s meeting on a connection of its own and closes it', async () => {
    const signaling = fakeSignaling(async () => ({ meetingName: 'Design review' }));
    expect(await lookupMeetingName({ signalingUrl: 'wss://x/ws', code: '4F7-Q2K' }, async () => signaling)).toBe('Design review');
    expect(signaling.calls).toEqual([{ method: 'lookupMeeting', data: { code: '4F7-Q2K' } }]);
    expect(signaling.closed).toBe(true);
  });

  it('answers null (the screen shows the code) for no name, a refusal or no connection, and still closes', async () => {
    const none = fakeSignaling(async () => ({ meetingName: null }));
    expect(await lookupMeetingName({ signalingUrl: 'wss://x/ws', code: '4F7-Q2K' }, async () => none)).toBeNull();
    const limited = fakeSignaling(() => Promise.reject(new ParleyError(ErrorCode.RateLimited, 'x', ErrorReason.TooFast)));
    expect(await lookupMeetingName({ signalingUrl: 'wss://x/ws', code: '4F7-Q2K' }, async () => limited)).toBeNull();
    expect(limited.closed).toBe(true);
    expect(await lookupMeetingName({ signalingUrl: 'wss://x/ws', code: '4F7-Q2K' }, () => Promise.reject(new Error('refused')))).toBeNull();
  });
});

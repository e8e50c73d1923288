import { describe, expect, it } from 'vitest';
import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import { CloseCode } from '../../../../src-common/protocol';
import { mayJoinAfresh, rejoinFailure, resumeFailure } from './failures';

// The reason decides, never the words: a removal worded like anything else is still a removal.
const removed = new ParleyError(ErrorCode.Unauthorized, 'not allowed', ErrorReason.Removed);
const newKeys = new ParleyError(ErrorCode.Unauthorized, 'invalid session token', ErrorReason.InvalidToken);
const ended = new ParleyError(ErrorCode.MeetingEnded, 'the meeting has ended');
const gone = new ParleyError(ErrorCode.NotFound, 'no such peer');
const slow = new ParleyError(ErrorCode.Timeout, 'no answer');
const locked = new ParleyError(ErrorCode.Forbidden, 'the meeting is locked', ErrorReason.Locked);
const noMeeting = new ParleyError(ErrorCode.NotFound, 'no such meeting on this server', ErrorReason.NoSuchMeeting);
const full = new ParleyError(ErrorCode.RoomFull, 'this meeting already has 50 participants');
// A server older than reasons: UNAUTHORIZED alone may be a removal.
const unexplained = new ParleyError(ErrorCode.Unauthorized, 'session token refused');

describe('what a failed attempt means', () => {
  it.each([
    ['a removed participant', removed, { kind: 'final', closeCode: CloseCode.Removed }],
    ['a meeting that ended', ended, { kind: 'final', closeCode: CloseCode.Ended }],
    ['a peer the server no longer has', gone, { kind: 'refused' }],
    ['a token the server no longer takes', newKeys, { kind: 'refused' }],
    ['a timeout', slow, { kind: 'unreachable' }],
    ['a socket that never opened', new Error('cannot reach'), { kind: 'unreachable' }],
  ])('a resume refused for %s', (_name, error, expected) => {
    expect(resumeFailure(error)).toMatchObject(expected);
  });

  it.each([
    ['a removed participant', removed, { kind: 'final', closeCode: CloseCode.Removed }],
    ['a meeting that ended', ended, { kind: 'final', closeCode: CloseCode.Ended }],
    ['a token that is not accepted', newKeys, { kind: 'final', closeCode: null, message: 'invalid session token' }],
    ['a peer the server no longer has', gone, { kind: 'unreachable' }],
    ['a timeout', slow, { kind: 'unreachable' }],
    ['a meeting locked meanwhile', locked, { kind: 'final', closeCode: null, message: 'the meeting is locked' }],
    ['a meeting no longer on the server', noMeeting, { kind: 'final', closeCode: null }],
    ['a full room (it may have room later)', full, { kind: 'unreachable' }],
  ])('a rejoin refused for %s', (_name, error, expected) => {
    expect(rejoinFailure(error)).toMatchObject(expected);
  });

  it('joins afresh with a token the server no longer takes, but never after a removal', () => {
    expect(mayJoinAfresh(newKeys)).toBe(true);
    expect(mayJoinAfresh(removed)).toBe(false);
    expect(mayJoinAfresh(slow)).toBe(false);
  });

  it('never joins afresh on an unexplained refusal (an older server), and does not retry it either', () => {
    expect(mayJoinAfresh(unexplained)).toBe(false);
    expect(rejoinFailure(unexplained)).toMatchObject({ kind: 'final' });
    expect(mayJoinAfresh(new ParleyError(ErrorCode.Unauthorized, 'expired', ErrorReason.Expired))).toBe(true);
    expect(mayJoinAfresh(new ParleyError(ErrorCode.Unauthorized, 'other room', ErrorReason.WrongRoom))).toBe(true);
  });
});

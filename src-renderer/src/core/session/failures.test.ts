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
  ])('a rejoin refused for %s', (_name, error, expected) => {
    expect(rejoinFailure(error)).toMatchObject(expected);
  });

  it('joins afresh with a token the server no longer takes, but never after a removal', () => {
    expect(mayJoinAfresh(newKeys)).toBe(true);
    expect(mayJoinAfresh(removed)).toBe(false);
    expect(mayJoinAfresh(slow)).toBe(false);
  });
});

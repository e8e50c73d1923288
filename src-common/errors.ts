import { z } from 'zod';

/** Every error that crosses a boundary carries one of these codes. */
export const ErrorCode = {
  /** The frame was not valid JSON. */
  BadJson: 'BAD_JSON',
  /** The message or its data did not match the protocol schema. */
  BadRequest: 'BAD_REQUEST',
  /** The method is not part of the protocol. */
  UnknownMethod: 'UNKNOWN_METHOD',
  /** The frame is larger than the server accepts. */
  TooLarge: 'TOO_LARGE',
  /** The request needs a joined peer and this connection has not joined. */
  NotJoined: 'NOT_JOINED',
  /** The connection has already joined a room. */
  AlreadyJoined: 'ALREADY_JOINED',
  /** No such object among the caller's own (another peer's ids are indistinguishable from unknown ones). */
  NotFound: 'NOT_FOUND',
  /** A per-peer cap (transports, producers, consumers) was reached. */
  LimitReached: 'LIMIT_REACHED',
  /** The SFU refused the media operation (bad RTP parameters, incompatible codecs, ...). */
  MediaRejected: 'MEDIA_REJECTED',
  /** The request did not get an answer in time. */
  Timeout: 'TIMEOUT',
  /** The connection closed before the answer arrived. */
  ConnectionClosed: 'CONNECTION_CLOSED',
  /** A desktop capability is missing here (plain browser, or a service that could not start). */
  Unavailable: 'UNAVAILABLE',
  /** A local database was written by a newer version of Parley; it is left untouched. */
  SchemaTooNew: 'SCHEMA_TOO_NEW',
  /**
   * The caller may not do this: its role lacks the right (a participant trying to moderate), or an
   * IPC message came from a frame that is not Parley's own content.
   */
  Forbidden: 'FORBIDDEN',
  /** A session token was forged, expired, issued for another room, or revoked (removed peer). */
  Unauthorized: 'UNAUTHORIZED',
  /**
   * The meeting this session token belongs to was ended by its host: the token no longer joins or
   * resumes it (a client that was away when it ended learns it here, and does not start it again).
   */
  MeetingEnded: 'MEETING_ENDED',
  /** Too many attempts or messages in a short time; retry later. */
  RateLimited: 'RATE_LIMITED',
  /** The server already runs as many rooms as its `guards.maxRooms` allows; try later or elsewhere. */
  ServerFull: 'SERVER_FULL',
  /** The room already holds `guards.participantsPerRoom` people. */
  RoomFull: 'ROOM_FULL',
  /** Downloaded content does not match the checksum or size it was announced with (update feed). */
  IntegrityFailed: 'INTEGRITY_FAILED',
  /** Something failed on the other side that is not the caller's fault. */
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Why an error happened, where its code covers causes a client must tell apart (a removed person
 * stays out, an expired token joins afresh; a guesser and a full lobby get different advice).
 * Clients decide on the code and this reason, never on the message, which is for people.
 */
export const ErrorReason = {
  /** UNAUTHORIZED: the session token's time ran out; joining without it works. */
  Expired: 'expired',
  /** UNAUTHORIZED: the token is not this server's (forged, or the server restarted with new keys). */
  InvalidToken: 'invalidToken',
  /** UNAUTHORIZED: the token was issued for another room. */
  WrongRoom: 'wrongRoom',
  /** UNAUTHORIZED: a moderator removed this person; every token of theirs for the room is revoked. */
  Removed: 'removed',
  /** UNAUTHORIZED: a hosted meeting is entered with its invite code, not joined by room id. */
  InviteRequired: 'inviteRequired',
  /** MEETING_ENDED or NOT_FOUND: the host ended the meeting (or it closed) for everyone. */
  Ended: 'ended',
  /** NOT_FOUND: the server holds no meeting with that room id (a hosted server only has its hosted meetings, and one that closed is gone). */
  NoSuchMeeting: 'noSuchMeeting',
  /** NOT_FOUND: the peer to resume is gone (grace period over, server restarted): join again. */
  SessionGone: 'sessionGone',
  /** NOT_FOUND: no meeting has that invite code, or its passcode is wrong; one reason for both on purpose. */
  BadCodeOrPasscode: 'badCodeOrPasscode',
  /** RATE_LIMITED: too many wrong codes or passcodes came from this address within a minute. */
  TooManyWrongCodes: 'tooManyWrongCodes',
  /** RATE_LIMITED: the meeting backs off after too many wrong passcodes from all addresses. */
  PasscodeGuessing: 'passcodeGuessing',
  /** RATE_LIMITED: the lobby holds as many waiting people as it takes. */
  LobbyFull: 'lobbyFull',
  /** RATE_LIMITED: this address already has as many people waiting as it may. */
  TooManyWaiting: 'tooManyWaiting',
  /** RATE_LIMITED: messages, reactions, new rooms or meeting lookups came faster than allowed; retry in a few seconds. */
  TooFast: 'tooFast',
  /** FORBIDDEN: the meeting is locked; nobody new gets in. */
  Locked: 'locked',
  /** FORBIDDEN: the caller's role lacks this right (a participant moderating, a co-host ending the meeting). */
  NotAllowed: 'notAllowed',
  /** FORBIDDEN: the host's role cannot be changed and the host cannot be removed. */
  HostProtected: 'hostProtected',
  /** FORBIDDEN: an IPC message came from a frame that is not Parley's own content. */
  UntrustedSender: 'untrustedSender',
  /** CONNECTION_CLOSED or INTERNAL (client side): a server message did not match the protocol and was dropped. */
  MalformedMessage: 'malformedMessage',
} as const;
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

const errorReasons = Object.values(ErrorReason) as [ErrorReason, ...ErrorReason[]];

/** The wire form of an error. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Set where the code alone does not say what to do; see {@link ErrorReason}. */
  reason?: ErrorReason;
}

/** Longer error messages from the other side are cut to this many characters. */
const MAX_ERROR_MESSAGE = 2000;

/**
 * Checks an error body from the other side. A reason this version does not know (a newer peer)
 * is dropped rather than failing the whole message: the code still says enough.
 */
export const errorBodySchema: z.ZodType<ErrorBody> = z.object({
  // A code this version does not know (a newer peer) is still an error: INTERNAL, never a lost answer.
  code: z.string().max(64).transform((code): ErrorCode => ((Object.values(ErrorCode) as string[]).includes(code) ? (code as ErrorCode) : ErrorCode.Internal)),
  // The frame's size is bounded already; an over-long message is cut, not a reason to drop the answer.
  message: z.string().transform((message) => (message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE)}…` : message)),
  reason: z.enum(errorReasons).optional().catch(undefined),
}).transform(({ code, message, reason }) => (reason === undefined ? { code, message } : { code, message, reason }));

/** An error with a code from {@link ErrorCode}; mapped to the wire or to HTTP only at the edge. */
export class ParleyError extends Error {
  override readonly name = 'ParleyError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Which of the code's causes this is, where the code covers several. */
    readonly reason?: ErrorReason,
  ) {
    super(message);
  }

  /** Rebuilds the error the other side sent. */
  static fromBody(body: ErrorBody): ParleyError {
    return new ParleyError(body.code, body.message, body.reason);
  }

  toBody(): ErrorBody {
    return this.reason === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, reason: this.reason };
  }

  /** Whether this is `code`, for `reason` when one is given. */
  is(code: ErrorCode, reason?: ErrorReason): boolean {
    return this.code === code && (reason === undefined || this.reason === reason);
  }
}

/** Whether `error` is a ParleyError with `code` (and `reason`, when one is given). */
export function isParleyError(error: unknown, code: ErrorCode, reason?: ErrorReason): error is ParleyError {
  return error instanceof ParleyError && error.is(code, reason);
}

/** Marks a branch the type checker has proven unreachable. */
export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

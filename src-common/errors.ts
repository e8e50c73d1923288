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

/** The wire form of an error. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** An error with a code from {@link ErrorCode}; mapped to the wire or to HTTP only at the edge. */
export class ParleyError extends Error {
  override readonly name = 'ParleyError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** Marks a branch the type checker has proven unreachable. */
export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

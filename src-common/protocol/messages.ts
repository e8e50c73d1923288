/** The envelope of every signaling frame, in both directions. */
import { z } from 'zod';
import type { ErrorBody } from '../errors';
import type { Method, RequestInput, ResponseData } from './requests';
import type { NotificationData, NotificationMethod } from './notifications';

/** Frames larger than this are answered with TOO_LARGE and not parsed. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** The envelope of a request; `data` is validated against the method's own schema afterwards. */
export const requestEnvelopeSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(64),
  data: z.unknown().optional(),
});

export interface RequestMessage<M extends Method = Method> {
  type: 'request';
  id: number;
  method: M;
  data: RequestInput<M>;
}

export type ResponseMessage<M extends Method = Method> =
  | { type: 'response'; id: number; ok: true; data: ResponseData[M] }
  /** `id` is null when the request's id could not be read (malformed frame). */
  | { type: 'response'; id: number | null; ok: false; error: ErrorBody };

export interface NotificationMessage<N extends NotificationMethod = NotificationMethod> {
  type: 'notification';
  method: N;
  data: NotificationData[N];
}

export type ServerMessage = ResponseMessage | NotificationMessage;

/**
 * WebSocket close codes the server uses. 4000 means "the room went away under you (a media
 * worker died, the server is restarting): join again", and the client does so by itself; codes
 * 4001-4099 are final (removed by a moderator, meeting ended) and the client shows the reason.
 */
export const CloseCode = {
  /** The room was closed by the server, not by anyone's decision: rejoin. */
  RoomClosed: 4000,
  /** A moderator removed this participant; their tokens are revoked. */
  Removed: 4001,
  /** The host ended the meeting for everyone. */
  Ended: 4002,
  /** Another connection presented this peer's session token and took over. */
  Superseded: 4003,
  /** The host of a hosted meeting turned this knock away (or the meeting ended while waiting). */
  Denied: 4004,
  /**
   * Sent by a client that abandons a socket it believes dead to resume on a new one: the server
   * keeps the peer for its grace period instead of releasing it.
   */
  Resuming: 4100,
  /**
   * The server closed this connection to protect itself: it read too slowly, stayed idle before
   * joining, or left a message unfinished. Not final: the client may connect again (and resume).
   */
  Overloaded: 4101,
} as const;

/** Whether a close with this code should end the meeting for the user rather than reconnect. */
export function isFinalClose(code: number): boolean {
  return (code >= 4001 && code <= 4099) || code === 1008;
}

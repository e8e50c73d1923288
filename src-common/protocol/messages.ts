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

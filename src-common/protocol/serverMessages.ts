/**
 * Reading what the server sends: the envelope of each frame, then its data against the schema of
 * its method (responses) or kind (notifications). Nothing the server sends reaches client logic
 * unchecked; what fails is described in words that name the method and the first problems.
 */
import { z } from 'zod';
import { errorBodySchema, type ErrorBody } from '../errors';
import type { NotificationMessage } from './messages';
import type { NotificationMethod } from './notifications';
import { notificationSchemas } from './notificationSchemas';
import type { Method, ResponseData } from './requests';
import { responseSchemas } from './responseSchemas';

const responseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.looseObject({ type: z.literal('response'), id: z.number().int().nullable(), ok: z.literal(true), data: z.unknown() }),
  z.looseObject({ type: z.literal('response'), id: z.number().int().nullable(), ok: z.literal(false), error: errorBodySchema }),
]);
const notificationEnvelopeSchema = z.looseObject({ type: z.literal('notification'), method: z.string().max(64), data: z.unknown() });

/** A frame whose envelope is sound; a response's data is checked once its method is known. */
export type ServerFrame =
  | { type: 'response'; id: number | null; ok: true; data: unknown }
  | { type: 'response'; id: number | null; ok: false; error: ErrorBody }
  | { type: 'notification'; method: string; data: unknown };

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The first few issues of a failed check, with their paths, in one line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Checks the envelope of a parsed frame: a response (with a sound error body) or a notification. */
export function readServerFrame(value: unknown): Checked<ServerFrame> {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = type === 'notification' ? notificationEnvelopeSchema : responseEnvelopeSchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: `a frame (${typeof type === 'string' ? type.slice(0, 20) : 'no type'}) is malformed: ${describeIssues(parsed.error)}` };
  return { ok: true, value: parsed.data as ServerFrame };
}

/** Checks the data of an answer to `method`. */
export function checkResponse<M extends Method>(method: M, data: unknown): Checked<ResponseData[M]> {
  const parsed = responseSchemas[method].safeParse(data);
  if (!parsed.success) return { ok: false, problem: `the answer to ${method} is malformed: ${describeIssues(parsed.error)}` };
  return { ok: true, value: parsed.data };
}

/** Checks a notification: a kind of the protocol, with data of its shape. */
export function checkNotification(method: string, data: unknown): Checked<NotificationMessage> {
  if (!Object.prototype.hasOwnProperty.call(notificationSchemas, method)) return { ok: false, problem: `unknown notification ${JSON.stringify(method.slice(0, 64))}` };
  const kind = method as NotificationMethod;
  const parsed = notificationSchemas[kind].safeParse(data);
  if (!parsed.success) return { ok: false, problem: `the ${kind} notification is malformed: ${describeIssues(parsed.error)}` };
  return { ok: true, value: { type: 'notification', method: kind, data: parsed.data } as NotificationMessage };
}

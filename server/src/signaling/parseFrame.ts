import { z } from 'zod';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import {
  MAX_FRAME_BYTES,
  preJoinMethods,
  requestEnvelopeSchema,
  requestSchemas,
  type Method,
  type RequestData,
} from '../../../src-common/protocol';

export interface ParsedRequest {
  id: number;
  method: Method;
  data: RequestData<Method>;
}

/** A frame that could not become a request; `id` is the request id when it could be read. */
export class FrameError extends ParleyError {
  constructor(
    code: ParleyError['code'],
    message: string,
    readonly id: number | null,
  ) {
    super(code, message);
  }
}

function isMethod(method: string): method is Method {
  return Object.hasOwn(requestSchemas, method);
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Turns one WebSocket frame into a validated request, checking in order: frame type, size (before
 * parsing), JSON, envelope, method, join state, and the method's own schema.
 */
export function parseFrame(raw: Buffer, isBinary: boolean, joined: boolean): ParsedRequest {
  if (isBinary) throw new FrameError(ErrorCode.BadRequest, 'signaling frames must be text', null);
  if (raw.length > MAX_FRAME_BYTES) {
    throw new FrameError(ErrorCode.TooLarge, `frames are limited to ${MAX_FRAME_BYTES} bytes, got ${raw.length}`, null);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new FrameError(ErrorCode.BadJson, 'the frame is not valid JSON', null);
  }
  const envelope = requestEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const id = readId(json);
    throw new FrameError(ErrorCode.BadRequest, `not a request: ${describe(envelope.error)}`, id);
  }
  const { id, method } = envelope.data;
  if (!isMethod(method)) throw new FrameError(ErrorCode.UnknownMethod, `unknown method ${JSON.stringify(method)}`, id);
  if (!joined && !preJoinMethods.has(method)) {
    throw new FrameError(ErrorCode.NotJoined, `${method} needs a joined peer; join a room first`, id);
  }
  const data = requestSchemas[method].safeParse(envelope.data.data ?? {});
  if (!data.success) throw new FrameError(ErrorCode.BadRequest, `${method}: ${describe(data.error)}`, id);
  return { id, method, data: data.data as RequestData<Method> };
}

function readId(json: unknown): number | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = (json as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

import type { Method, RequestInput, ResponseData } from '../../../../src-common/protocol';

/** Sends one signaling request on the session's current connection (RoomSession.request). */
export type Requester = <M extends Method>(method: M, data: RequestInput<M>) => Promise<ResponseData[M]>;

/** Turns a failed request into words for the user: the server's coded message, or a generic one. */
export function describeFailure(error: unknown, what: string): string {
  if (error instanceof Error && error.message) return `${what}: ${error.message}`;
  return `${what}: ${String(error)}`;
}

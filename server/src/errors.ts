import { ErrorCode, ParleyError } from '../../src-common/errors';

/**
 * Runs a mediasoup operation whose input came from a client. mediasoup checks RTP/DTLS semantics
 * and throws on what it refuses; that is the client's fault, so it becomes MEDIA_REJECTED with
 * mediasoup's own message rather than an internal error.
 */
export async function mediaCall<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ParleyError(ErrorCode.MediaRejected, `${what} refused: ${message}`);
  }
}

export function notFound(what: string, id: string): ParleyError {
  return new ParleyError(ErrorCode.NotFound, `no ${what} ${JSON.stringify(id)} belongs to this peer`);
}

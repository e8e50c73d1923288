import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { RequestInput, ResponseData } from '../../../../src-common/protocol';
import type { Connection } from './Connection';
import { mayJoinAfresh } from './failures';
import type { PeerLink } from './PeerLink';

/**
 * The user left (or the session failed) while this connection was being set up, during a rejoin:
 * `leave()` found nothing of it to close, so it leaves now, before it joins, opens transports or
 * publishes the local camera and microphone as a participant nobody sees. `link`: it has joined.
 * Throws CONNECTION_CLOSED when `ended`, so the connecting stops there.
 */
export function leaveIfEnded(ended: boolean, connection: Connection, link?: PeerLink): void {
  if (!ended) return;
  if (!link) connection.close();
  else {
    link.release();
    connection
      .request('leave', {})
      .catch((error: unknown) => console.info('leave after the session ended not answered', error))
      .finally(() => connection.close());
  }
  throw new ParleyError(ErrorCode.ConnectionClosed, 'the session ended while it was connecting');
}

/**
 * Joins with the session token when there is one; a token the server no longer takes joins afresh.
 * Answers with the session token still held afterwards (none after joining afresh).
 */
export async function requestJoin(
  connection: Connection,
  sessionToken: string | undefined,
  data: Omit<RequestInput<'join'>, 'sessionToken'>,
): Promise<{ joined: ResponseData['join']; sessionToken: string | undefined }> {
  if (!sessionToken) return { joined: await connection.request('join', data), sessionToken };
  try {
    return { joined: await connection.request('join', { ...data, sessionToken }), sessionToken };
  } catch (error) {
    if (!mayJoinAfresh(error)) throw error;
    return { joined: await connection.request('join', data), sessionToken: undefined };
  }
}

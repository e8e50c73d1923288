import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { RoomId } from '../../../src-common/ids';
import type { MeetingAuthority } from '../auth/MeetingAuthority';
import type { RoomRegistry } from '../RoomRegistry';
import type { ClientId } from './clientId';

/** What the refused person reads (their page shows it as the reason they cannot come back). */
export const REMOVED_RETURN_MESSAGE = 'You were removed from this meeting, so you cannot join it again from this browser. The host has been told.';

/**
 * Refuses (UNAUTHORIZED, reason `removed`) a join or an entry by code from a browser whose
 * participant a moderator removed from `roomId`, and tells the room's hosts and co-hosts, who are
 * offered to lock the meeting. Decided on the server's own record: the client id is the one this
 * server set on the socket, bound to the peer at join and recorded when the peer was removed.
 */
export async function refuseRemovedClient(
  authority: MeetingAuthority,
  rooms: RoomRegistry,
  roomId: RoomId,
  clientId: ClientId | null,
  displayName: string,
): Promise<void> {
  if (!clientId) return;
  const removedAs = await authority.removedClient(roomId, clientId);
  if (removedAs === undefined) return;
  rooms.get(roomId)?.notifyModerators('removedPeerReturned', { displayName, removedAs });
  throw new ParleyError(ErrorCode.Unauthorized, REMOVED_RETURN_MESSAGE, ErrorReason.Removed);
}

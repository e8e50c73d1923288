import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { RoomId } from '../../../src-common/ids';
import type { MeetingAuthority } from '../auth/MeetingAuthority';
import type { NotificationData } from '../../../src-common/protocol';
import type { ReturnNotices } from '../room/ReturnNotices';
import type { ClientId } from './clientId';

/** What the refused person reads (their page shows it as the reason they cannot come back). */
export const REMOVED_RETURN_MESSAGE = 'You were removed from this meeting, so you cannot join it again from this browser. The host has been told.';

/** The rooms a refusal may tell (the RoomRegistry; a fake in unit tests). */
export interface ReturnAudience {
  get(roomId: RoomId):
    | { moderation: { returnNotices: ReturnNotices }; notifyModerators(method: 'removedPeerReturned', data: NotificationData['removedPeerReturned']): void }
    | undefined;
}

/**
 * Refuses (UNAUTHORIZED, reason `removed`) a join or an entry by code from a browser whose
 * participant a moderator removed from `roomId`, and tells the room's hosts and co-hosts, who are
 * offered to lock the meeting: on the first attempt, then at most once a minute per browser, so
 * reloading in a loop does not flood them (room/ReturnNotices). Decided on the server's own
 * record: the client id is the one this server set on the socket, bound to the peer at join and
 * recorded when the peer was removed.
 */
export async function refuseRemovedClient(
  authority: Pick<MeetingAuthority, 'removedClient'>,
  rooms: ReturnAudience,
  roomId: RoomId,
  clientId: ClientId | null,
  displayName: string,
): Promise<void> {
  if (!clientId) return;
  const removedAs = await authority.removedClient(roomId, clientId);
  if (removedAs === undefined) return;
  const room = rooms.get(roomId);
  if (room?.moderation.returnNotices.shouldTell(clientId)) room.notifyModerators('removedPeerReturned', { displayName, removedAs });
  throw new ParleyError(ErrorCode.Unauthorized, REMOVED_RETURN_MESSAGE, ErrorReason.Removed);
}

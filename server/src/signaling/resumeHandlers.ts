import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { RequestData, ResumeResponseData } from '../../../src-common/protocol';
import type { Session } from './Session';

type Methods = keyof ResumeResponseData;

/** `resume` (a client takes its peer back on a new connection) and `ping`; spread into the handler map. */
export const resumeHandlers: { [M in Methods]: (session: Session, data: RequestData<M>) => Promise<ResumeResponseData[M]> } = {
  async ping() {
    return {};
  },

  async resume(session, { roomId, sessionToken }) {
    if (session.isJoined) throw new ParleyError(ErrorCode.AlreadyJoined, 'this connection has already joined a room');
    // Checked before anything is touched: a bad token learns nothing about the room.
    const claims = await session.tokens.verify(sessionToken, roomId);
    const room = session.rooms.get(roomId);
    if (!room || room.closed) throw new ParleyError(ErrorCode.NotFound, 'this session has ended; join the meeting again', ErrorReason.SessionGone);
    const { peer, others, activeSpeakerId, wanted } = room.resume(claims.peerId);
    // Attached in the same tick as the snapshot, so nothing falls in between; notifications that
    // overtake this response are newer than the snapshot, and the client applies them after it.
    session.attach(room, peer);
    const token = await session.tokens.issue({ roomId, peerId: peer.id, role: peer.role, displayName: peer.displayName });
    return {
      peerId: peer.id,
      role: peer.role,
      sessionToken: token,
      peers: others,
      activeSpeakerId,
      transportIds: peer.transportIds,
      producerLayersWanted: wanted,
    };
  },
};

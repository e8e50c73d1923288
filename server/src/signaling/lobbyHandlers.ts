import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { RoomId } from '../../../src-common/ids';
import { CloseCode, type LobbyResponseData, type RequestData } from '../../../src-common/protocol';
import type { SessionClaims } from '../auth/SessionTokens';
import type { Session } from './Session';

type Methods = keyof LobbyResponseData;
type Handler<M extends Methods> = (session: Session, data: RequestData<M>) => Promise<LobbyResponseData[M]>;

const done = {} as Record<string, never>;

/** Entering hosted meetings by code, and the host's lobby; spread into the signaling handler map. */
export const lobbyHandlers: { [M in Methods]: Handler<M> } = {
  async enterMeeting(session, { code, passcode, displayName }) {
    if (session.isJoined) throw new ParleyError(ErrorCode.AlreadyJoined, 'this connection has already joined a room');
    let cancel = (): void => undefined;
    const { result, withdraw } = await session.meetings.enter(session.remoteAddress, { code, passcode, displayName, clientId: session.clientId }, (decision) => {
      cancel();
      session.deliver({ type: 'notification', method: 'admissionDecided', data: decision });
      // A denied knock has nothing more to say on this connection.
      if (!decision.admitted) session.end(CloseCode.Denied, decision.reason);
    });
    cancel = session.onLeave(withdraw);
    return result;
  },

  async lookupMeeting(session, { code }) {
    return session.meetings.lookup(session.remoteAddress, code);
  },

  async admitKnock(session, { knockId }) {
    session.meetings.admit(moderatedRoom(session), knockId);
    session.audit(`${session.joined().peer.id} admitted knock ${knockId}`);
    return done;
  },

  async denyKnock(session, { knockId }) {
    session.meetings.deny(moderatedRoom(session), knockId);
    session.audit(`${session.joined().peer.id} denied knock ${knockId}`);
    return done;
  },

  async setAdmission(session, admission) {
    session.meetings.setAdmission(moderatedRoom(session), admission);
    session.audit(`${session.joined().peer.id} set admission to ${admission.mode}`);
    return done;
  },

  async getLobby(session) {
    const meeting = session.meetings.meeting(moderatedRoom(session));
    return { knocks: meeting.lobby.list(), admission: meeting.admission, code: meeting.code };
  },
};

/** The caller's room, when the caller moderates it (FORBIDDEN otherwise). */
function moderatedRoom(session: Session): RoomId {
  const { room, peer } = session.joined();
  room.moderation.assertModerator(peer);
  return room.id;
}

/**
 * Whether this connection may reach `roomId` at all: on a server in `hosted` mode only hosted
 * meetings exist, and nothing else is created on request.
 */
export function assertRoomReachable(session: Session, roomId: RoomId): void {
  if (session.mode === 'hosted' && !session.meetings.isHosted(roomId)) {
    throw new ParleyError(ErrorCode.NotFound, 'no such meeting on this server', ErrorReason.NoSuchMeeting);
  }
}

/** A hosted meeting is joined only with a token this server issued (the host's, or an admission). */
export function assertMayJoin(session: Session, roomId: RoomId, returning: SessionClaims | undefined): void {
  assertRoomReachable(session, roomId);
  if (session.meetings.isHosted(roomId) && !returning) {
    throw new ParleyError(ErrorCode.Unauthorized, 'this meeting is entered with its invite code', ErrorReason.InviteRequired);
  }
}

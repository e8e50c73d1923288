import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { ChatResponseData, ModerationResponseData, RequestData } from '../../../src-common/protocol';
import { CloseCode } from '../../../src-common/protocol';
import type { Session } from './Session';

type Methods = keyof ChatResponseData | keyof ModerationResponseData;
type Handler<M extends Methods> = (
  session: Session,
  data: RequestData<M>,
) => Promise<(ChatResponseData & ModerationResponseData)[M]>;

const done = {} as Record<string, never>;

/** Chat, hands, reactions and moderation; spread into the signaling handler map. */
export const meetingHandlers: { [M in Methods]: Handler<M> } = {
  async sendChat(session, { text, to }) {
    const { room, peer } = session.joined();
    return { message: room.chat.send(peer, text, to) };
  },

  async raiseHand(session) {
    const { room, peer } = session.joined();
    room.hands.raise(peer.id);
    return done;
  },

  async lowerHand(session, { peerId }) {
    const { room, peer } = session.joined();
    if (peerId !== undefined && peerId !== peer.id) room.moderation.assertModerator(peer);
    room.hands.lower(peerId ?? peer.id);
    return done;
  },

  async lowerAllHands(session) {
    const { room, peer } = session.joined();
    room.moderation.assertModerator(peer);
    room.hands.lowerAll();
    return done;
  },

  async sendReaction(session, { reaction }) {
    const { room, peer } = session.joined();
    room.reactions.send(peer, reaction);
    return done;
  },

  async getMeetingState(session) {
    const { room, peer } = session.joined();
    const meetingName = session.meetings.get(room.id)?.name;
    return { messages: room.chat.historyFor(peer.id), hands: room.hands.list(), locked: room.moderation.locked, ...(meetingName ? { meetingName } : {}) };
  },

  async muteParticipant(session, { peerId }) {
    const { room, peer } = session.joined();
    await room.moderation.mute(peer, peerId);
    session.audit(`${peer.id} muted ${peerId}`);
    return done;
  },

  async muteEveryone(session) {
    const { room, peer } = session.joined();
    await room.moderation.muteEveryone(peer);
    session.audit(`${peer.id} muted everyone`);
    return done;
  },

  async stopMedia(session, { peerId, source }) {
    const { room, peer } = session.joined();
    room.moderation.stopMedia(peer, peerId, source);
    session.audit(`${peer.id} stopped ${peerId}'s ${source}`);
    return done;
  },

  async removeParticipant(session, { peerId, reason }) {
    const { room, peer } = session.joined();
    await room.moderation.remove(peer, peerId, reason, (removed) => session.tokens.revokeRemoved(room.id, removed));
    session.audit(`${peer.id} removed ${peerId}`);
    return done;
  },

  async lockRoom(session, { locked }) {
    const { room, peer } = session.joined();
    room.moderation.lock(peer, locked);
    session.audit(`${peer.id} ${locked ? 'locked' : 'unlocked'} the meeting`);
    return done;
  },

  async setRole(session, { peerId, role }) {
    const { room, peer } = session.joined();
    room.moderation.setRole(peer, peerId, role);
    session.audit(`${peer.id} made ${peerId} ${role}`);
    return done;
  },

  async endMeeting(session) {
    const { room, peer } = session.joined();
    if (room.closed) throw new ParleyError(ErrorCode.NotFound, 'the meeting has already ended', ErrorReason.Ended);
    // After this response is sent, so the host hears that it worked before its socket closes.
    room.moderation.end(peer, () =>
      setImmediate(() => {
        // Everyone's tokens stop working, so people away at this moment (resuming) do not restart it.
        session.tokens.endRoom(room.id).catch((error: unknown) => session.audit(`recording the end of ${room.id} failed: ${String(error)}`));
        session.audit(`${peer.id} ended the meeting`);
        // A hosted meeting ends whole: its invite code and lobby go too.
        if (session.meetings.isHosted(room.id)) session.meetings.end(room.id, `${peer.displayName} ended the meeting`);
        else room.close({ code: CloseCode.Ended, reason: `${peer.displayName} ended the meeting` });
      }),
    );
    return done;
  },
};

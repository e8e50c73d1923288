import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { PeerId, ProducerId } from '../../../../src-common/ids';
import type { Role } from '../../../../src-common/protocol';
import { Emitter } from '../base/Emitter';
import { message, p } from './testMessages';
import type { RemoteParticipant } from '../media/Participants';
import type { SessionEvents } from '../session/sessionTypes';
import { InMeeting, type MeetingSession } from './InMeeting';
import type { Requester } from './types';

const person = (peerId: string, displayName: string, role: Role = 'participant') =>
  ({ peerId: p(peerId), displayName, role, tracks: {}, consumerIds: {}, published: {} }) as RemoteParticipant;

function setup(answers: Partial<Record<string, (data: unknown) => unknown>> = {}) {
  const events = new Emitter<SessionEvents>();
  const requests: Array<[string, unknown]> = [];
  const state = { localPeerId: p('me') as PeerId | null, localRole: 'participant' as Role | null, participants: [person('ben', 'Ben', 'host'), person('cai', 'Cai')] };
  const request = (async (method: string, data: unknown) => {
    requests.push([method, data]);
    const answer = answers[method];
    if (answer) return answer(data);
    if (method === 'getMeetingState') return { messages: [], hands: [], locked: false };
    return {};
  }) as unknown as Requester;
  const session: MeetingSession = { events, state: { get: () => state }, request, transportStats: async () => ({ send: null, recv: null }) };
  const local = { localMedia: { setMicMuted: vi.fn(), setCameraOff: vi.fn(async () => {}) }, screenShare: { stop: vi.fn() } };
  const meeting = new InMeeting(session, local);
  const texts = () => meeting.notices.state.get().map((n) => `${n.kind}: ${n.text}`);
  return { events, requests, meeting, local, texts, state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the in-meeting features of a session', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => void vi.useRealTimers());

  it('fetches what it missed at every (re)connection: recent chat, hands in order, the lock', async () => {
    const { meeting, requests, events } = setup({
      getMeetingState: () => ({ messages: [message(1), message(2)], hands: [{ peerId: p('cai'), raisedAt: 5 }, { peerId: p('ben'), raisedAt: 3 }], locked: true, meetingName: 'Hana\'s meeting' }),
    });
    await settle();
    expect(requests).toEqual([['getMeetingState', {}]]);
    expect(meeting.chat.state.get().messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(meeting.hands.state.get().map((h) => h.peerId)).toEqual(['ben', 'cai']);
    expect(meeting.moderation.state.get().locked).toBe(true);
    expect(meeting.meetingName.get()).toBe('Hana\'s meeting');
    events.emit('connected', { localPeerId: p('me'), role: 'participant' });
    await settle();
    expect(requests).toHaveLength(2);
    expect(meeting.chat.state.get().messages).toHaveLength(2);
  });

  it('a moderator’s mute mutes the local microphone (which only the user can unmute) and says who did it', () => {
    const { events, local, texts } = setup();
    events.emit('meetingNotification', { method: 'producerMutedByModerator', data: { producerId: 'x' as ProducerId, source: 'microphone', by: p('ben') } });
    expect(local.localMedia.setMicMuted).toHaveBeenCalledWith(true);
    expect(texts()).toEqual(['info: Ben muted your microphone. Only you can unmute it.']);
  });

  it('a moderator stopping the camera or the share turns them off here too', () => {
    const { events, local, texts } = setup();
    events.emit('meetingNotification', { method: 'producerClosedByModerator', data: { producerId: 'x' as ProducerId, source: 'camera', by: p('ben') } });
    events.emit('meetingNotification', { method: 'producerClosedByModerator', data: { producerId: 'y' as ProducerId, source: 'screen', by: p('ben') } });
    events.emit('meetingNotification', { method: 'producerClosedByModerator', data: { producerId: 'z' as ProducerId, source: 'screenAudio', by: p('ben') } });
    expect(local.localMedia.setCameraOff).toHaveBeenCalledWith(true);
    expect(local.screenShare.stop).toHaveBeenCalledTimes(1);
    expect(texts()).toEqual(['info: Ben turned your camera off.', 'info: Ben stopped your screen share.']);
  });

  it('announces raised hands (once), reactions, role changes, the lock, and messages while the chat is closed', () => {
    const { events, meeting } = setup();
    const seen: string[] = [];
    const ids = new Set<number>();
    meeting.notices.state.subscribe(() => {
      for (const n of meeting.notices.state.get()) {
        if (ids.has(n.id)) continue;
        ids.add(n.id);
        seen.push(`${n.kind}: ${n.text}`);
      }
    });
    events.emit('meetingNotification', { method: 'handsChanged', data: { hands: [{ peerId: p('cai'), raisedAt: 1 }] } });
    events.emit('meetingNotification', { method: 'handsChanged', data: { hands: [{ peerId: p('cai'), raisedAt: 1 }, { peerId: p('me'), raisedAt: 2 }] } });
    events.emit('meetingNotification', { method: 'reactionSent', data: { peerId: p('ben'), reaction: '👏' } });
    events.emit('meetingNotification', { method: 'roleChanged', data: { peerId: p('cai'), role: 'cohost' } });
    events.emit('meetingNotification', { method: 'roleChanged', data: { peerId: p('me'), role: 'cohost' } });
    events.emit('meetingNotification', { method: 'roomLockChanged', data: { locked: true, by: p('ben') } });
    events.emit('meetingNotification', { method: 'chatReceived', data: { message: message(1, { to: p('me') }) } });
    meeting.chat.setOpen(true);
    events.emit('meetingNotification', { method: 'chatReceived', data: { message: message(2) } });
    expect(seen).toEqual([
      'announce: Cai raised their hand',
      'announce: Your hand is raised',
      'announce: Ben reacted 👏',
      'announce: Cai is now a co-host',
      'info: You are now a co-host.',
      'info: Ben locked the meeting.',
    ]);
    expect(meeting.moderation.state.get().locked).toBe(true);
    expect(meeting.reactions.state.get().get(p('ben'))?.reaction).toBe('👏');
  });

  it('turns a refused moderation request into an error notice, and keeps working', async () => {
    const { meeting, texts, requests } = setup({
      muteParticipant: () => {
        throw new ParleyError(ErrorCode.Forbidden, 'only the host or a co-host can do that');
      },
    });
    expect(await meeting.moderation.mute(p('cai'))).toBe(false);
    expect(await meeting.moderation.lock(true)).toBe(true);
    expect(texts()).toEqual(['error: Muting failed: only the host or a co-host can do that']);
    expect(requests.slice(-2)).toEqual([
      ['muteParticipant', { peerId: 'cai' }],
      ['lockRoom', { locked: true }],
    ]);
  });

  it('tells hosts a removed person was kept out and suggests locking until it is locked or dismissed', () => {
    const { events, meeting, texts } = setup();
    events.emit('meetingNotification', { method: 'removedPeerReturned', data: { displayName: 'Cai', removedAs: 'Cai' } });
    events.emit('meetingNotification', { method: 'removedPeerReturned', data: { displayName: 'Not Cai', removedAs: 'Cai' } });
    expect(texts()).toEqual(['info: Cai, whom you removed, tried to come back and was kept out.', 'info: Cai, whom you removed, tried to come back (as “Not Cai”) and was kept out.']);
    expect(meeting.moderation.state.get().returned).toEqual({ removedAs: 'Cai' });
    meeting.moderation.setLocked(true);
    expect(meeting.moderation.state.get().returned).toBeNull();
    // Already locked: nothing to suggest.
    events.emit('meetingNotification', { method: 'removedPeerReturned', data: { displayName: 'Cai', removedAs: 'Cai' } });
    expect(meeting.moderation.state.get().returned).toBeNull();
    meeting.moderation.setLocked(false);
    events.emit('meetingNotification', { method: 'removedPeerReturned', data: { displayName: 'Cai', removedAs: 'Cai' } });
    meeting.moderation.dismissReturn();
    expect(meeting.moderation.state.get().returned).toBeNull();
  });

  it('stops everything when the session ends, and closing twice is harmless', () => {
    const { events, meeting } = setup();
    meeting.startQuality();
    events.emit('ended', { reason: 'left', error: null });
    events.emit('meetingNotification', { method: 'chatReceived', data: { message: message(1) } });
    expect(meeting.chat.state.get().messages).toEqual([]);
    meeting.close();
  });
});

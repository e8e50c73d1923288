import { describe, expect, it } from 'vitest';
import type { PeerId, RoomId } from '../../../../src-common/ids';
import type { HistoryService, MeetingId } from '../../../../src-common/ipc/history';
import { Emitter } from '../base/Emitter';
import { recordHistory, type RecordableSession } from './HistoryRecorder';
import type { SessionEvents, SessionState } from '../session/sessionTypes';
import type { ChatEvents, ShownMessage } from '../meeting/Chat';

/** A history that records calls, answering startMeeting slowly to prove calls stay in order. */
function fakeHistory(failOn?: string) {
  const calls: Array<[string, unknown]> = [];
  const call = (name: string) => async (input: unknown) => {
    if (name === 'startMeeting') await new Promise((r) => setTimeout(r, 20));
    calls.push([name, input]);
    if (name === failOn) throw new Error(`${name} failed`);
    return name === 'startMeeting' ? (7 as MeetingId) : undefined;
  };
  const history = {
    startMeeting: call('startMeeting'),
    participantJoined: call('participantJoined'),
    participantLeft: call('participantLeft'),
    recordChatMessage: call('recordChatMessage'),
    endMeeting: call('endMeeting'),
  } as unknown as HistoryService;
  return { history, calls };
}

function fakeSession(state: Pick<SessionState, 'status' | 'localPeerId' | 'participants'> = { status: 'connecting', localPeerId: null, participants: [] }) {
  const events = new Emitter<SessionEvents>();
  const session: RecordableSession = { events, state: { get: () => state } };
  return { session, events };
}

const meeting = { roomId: 'standup' as RoomId, serverUrl: 'http://127.0.0.1:8443', displayName: 'Ada', role: 'guest' as const };
const p = (id: string) => id as PeerId;
const settle = () => new Promise((r) => setTimeout(r, 60));

describe('recording a session into the history', () => {
  it('records the meeting, everyone who comes and goes, and the end, in order', async () => {
    const { history, calls } = fakeHistory();
    const { session, events } = fakeSession();
    recordHistory(session, history, meeting);
    events.emit('joined', { localPeerId: p('me'), peers: [{ peerId: p('b'), displayName: 'Bob' }] });
    events.emit('participantJoined', { peerId: p('c'), displayName: 'Carol' });
    events.emit('participantLeft', { peerId: p('b') });
    events.emit('ended', { reason: 'left', error: null });
    await settle();
    expect(calls).toEqual([
      ['startMeeting', { ...meeting, selfPeerId: 'me' }],
      ['participantJoined', { meetingId: 7, peerId: 'b', displayName: 'Bob' }],
      ['participantJoined', { meetingId: 7, peerId: 'c', displayName: 'Carol' }],
      ['participantLeft', { meetingId: 7, peerId: 'b' }],
      ['endMeeting', { meetingId: 7, reason: 'left' }],
    ]);
  });

  it('attached after the join, records the session as it is then', async () => {
    const { history, calls } = fakeHistory();
    const { session, events } = fakeSession({
      status: 'joined',
      localPeerId: p('me'),
      participants: [{ peerId: p('b'), displayName: 'Bob', role: 'participant', tracks: {}, consumerIds: {}, published: {}, reconnecting: false, limited: {} }],
    });
    recordHistory(session, history, meeting);
    events.emit('ended', { reason: 'failed', error: 'lost' });
    await settle();
    expect(calls.map(([name]) => name)).toEqual(['startMeeting', 'participantJoined', 'endMeeting']);
    expect(calls[2]![1]).toEqual({ meetingId: 7, reason: 'failed' });
  });

  it('goes on after a failed call, and stops listening once the session ended', async () => {
    const { history, calls } = fakeHistory('participantJoined');
    const { session, events } = fakeSession();
    recordHistory(session, history, meeting);
    events.emit('joined', { localPeerId: p('me'), peers: [] });
    events.emit('participantJoined', { peerId: p('c'), displayName: 'Carol' });
    events.emit('ended', { reason: 'left', error: null });
    events.emit('participantJoined', { peerId: p('late'), displayName: 'Late' });
    await settle();
    expect(calls.map(([name]) => name)).toEqual(['startMeeting', 'participantJoined', 'endMeeting']);
  });

  it('records nothing for a session that never joined', async () => {
    const { history, calls } = fakeHistory();
    const { session, events } = fakeSession();
    recordHistory(session, history, meeting);
    events.emit('ended', { reason: 'failed', error: 'refused' });
    await settle();
    expect(calls).toEqual([]);
  });

  it('records chat messages, including those fetched before the join was announced, with the private ones’ recipient', async () => {
    const { history, calls } = fakeHistory();
    const { session, events } = fakeSession({ status: 'connecting', localPeerId: null, participants: [{ peerId: p('b'), displayName: 'Bob', role: 'participant', tracks: {}, consumerIds: {}, published: {}, reconnecting: false, limited: {} }] });
    const chat = { events: new Emitter<ChatEvents>() };
    recordHistory(session, history, meeting, chat);
    const message = (over: Partial<ShownMessage>): ShownMessage => ({
      messageId: 'm' as ShownMessage['messageId'],
      seq: 1,
      from: p('b'),
      fromName: 'Bob',
      to: null,
      text: 'earlier',
      sentAt: 1000,
      own: false,
      epoch: 1,
      ...over,
    });
    chat.events.emit('message', { message: message({}), live: false });
    events.emit('joined', { localPeerId: p('me'), peers: [] });
    chat.events.emit('message', { message: message({ messageId: 'n' as ShownMessage['messageId'], seq: 2, from: p('me'), fromName: 'Ada', to: p('b'), text: 'psst', own: true }), live: true });
    chat.events.emit('message', { message: message({ messageId: 'o' as ShownMessage['messageId'], seq: 3, to: p('me'), text: 'back at you' }), live: true });
    await settle();
    expect(calls.filter(([name]) => name === 'recordChatMessage').map(([, input]) => input)).toEqual([
      { meetingId: 7, senderPeerId: 'b', senderName: 'Bob', text: 'earlier', sentAt: 1000, private: false, messageId: 'm' },
      { meetingId: 7, senderPeerId: null, senderName: 'Ada', text: 'psst', sentAt: 1000, private: true, messageId: 'n', recipientName: 'Bob' },
      { meetingId: 7, senderPeerId: 'b', senderName: 'Bob', text: 'back at you', sentAt: 1000, private: true, messageId: 'o', recipientName: 'Ada' },
    ]);
    expect(calls[0]![0]).toBe('startMeeting');
  });
});

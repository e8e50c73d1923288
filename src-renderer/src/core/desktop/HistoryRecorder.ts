import type { PeerId, RoomId } from '../../../../src-common/ids';
import type { HistoryService, MeetingId } from '../../../../src-common/ipc/history';
import type { Emitter } from '../base/Emitter';
import type { ChatEvents } from '../meeting/Chat';
import type { SessionEvents, SessionState } from '../session/sessionTypes';

/** What the recorder needs of a session: its events and, to attach late, its current state. */
export interface RecordableSession {
  readonly events: Emitter<SessionEvents>;
  readonly state: { get(): Pick<SessionState, 'status' | 'localPeerId' | 'participants'> };
}

export interface MeetingInfo {
  roomId: RoomId;
  serverUrl: string;
  displayName: string;
  role: 'guest' | 'host';
}

/** The chat whose messages go into the transcript. */
export interface RecordableChat {
  readonly events: Emitter<ChatEvents>;
}

/**
 * Writes one session into the local history through the bridge: the meeting when joined, every
 * participant who comes and goes, every chat message (live or fetched at a join), the end. Calls go out one after another in event order (each
 * needs the meeting id of the first); a failed call is logged and the next ones still go.
 * Attaching after the join records the session as it is at that moment. Returns the detach.
 */
export function recordHistory(session: RecordableSession, history: HistoryService, meeting: MeetingInfo, chat?: RecordableChat): () => void {
  let queue: Promise<void> = Promise.resolve();
  let meetingId: MeetingId | null = null;
  let started = false;
  /** Calls that came before the join was announced (chat fetched at the join): made right after it. */
  const early: Array<() => void> = [];
  const run = (what: string, call: (id: MeetingId) => Promise<unknown>): void => {
    if (!started) {
      early.push(() => run(what, call));
      return;
    }
    queue = queue.then(async () => {
      if (meetingId === null) return;
      try {
        await call(meetingId);
      } catch (error) {
        console.warn(`history: ${what} was not recorded`, error);
      }
    });
  };

  const start = (localPeerId: PeerId, peers: ReadonlyArray<{ peerId: PeerId; displayName: string }>): void => {
    if (started) return;
    started = true;
    queue = queue.then(async () => {
      try {
        meetingId = await history.startMeeting({ ...meeting, selfPeerId: localPeerId });
      } catch (error) {
        console.warn('history: the meeting was not recorded', error);
      }
    });
    for (const peer of peers) run('a participant', (id) => history.participantJoined({ meetingId: id, ...peer }));
    for (const call of early.splice(0)) call();
  };

  const stops = [
    session.events.on('joined', ({ localPeerId, peers }) => start(localPeerId, peers)),
    session.events.on('participantJoined', (peer) => run('a participant', (id) => history.participantJoined({ meetingId: id, ...peer }))),
    session.events.on('participantLeft', ({ peerId }) => run('a departure', (id) => history.participantLeft({ meetingId: id, peerId }))),
    ...(chat
      ? [
          chat.events.on('message', ({ message }) => {
            const recipientName = message.to === null ? undefined : message.own ? nameOf(message.to) : meeting.displayName;
            run('a chat message', (id) =>
              history.recordChatMessage({
                meetingId: id,
                senderPeerId: message.own ? null : message.from,
                senderName: message.fromName,
                text: message.text,
                sentAt: message.sentAt,
                private: message.to !== null,
                messageId: message.messageId,
                ...(recipientName ? { recipientName } : {}),
              }),
            );
          }),
        ]
      : []),
    session.events.on('ended', ({ reason }) => {
      run('the end of the meeting', (id) => history.endMeeting({ meetingId: id, reason }));
      detach();
    }),
  ];
  const nameOf = (peerId: PeerId): string | undefined => session.state.get().participants.find((p) => p.peerId === peerId)?.displayName;
  const detach = (): void => {
    for (const stop of stops.splice(0)) stop();
  };

  const now = session.state.get();
  if (now.status === 'joined' && now.localPeerId) {
    start(now.localPeerId, now.participants.map((p) => ({ peerId: p.peerId, displayName: p.displayName })));
  }
  return detach;
}

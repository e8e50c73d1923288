import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { PeerId, RoomId } from '../../src-common/ids';
import type { MeetingId } from '../../src-common/ipc/history';
import { memoryLogger } from '../log/Logger';
import { fakeClock, tempDir } from '../testing/tempDir';
import { HistoryMainService } from './HistoryMainService';

const peer = (id: string) => id as PeerId;
const start = (history: HistoryMainService, roomId: string, displayName = 'Ada') =>
  history.startMeeting({ roomId: roomId as RoomId, serverUrl: 'http://127.0.0.1:8443', displayName, selfPeerId: peer(`self-${roomId}`), role: 'guest' });

async function rejection(promise: Promise<unknown>): Promise<ParleyError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ParleyError);
  return error as ParleyError;
}

describe('HistoryMainService', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ReturnType<typeof fakeClock>;
  let history: HistoryMainService;

  beforeEach(async () => {
    dir = tempDir();
    clock = fakeClock();
    history = await HistoryMainService.create({ file: dir.file('history.sqlite'), logger: memoryLogger(), now: clock.now });
  });
  afterEach(() => {
    history.close();
    dir.remove();
  });

  it('records a meeting with its participants, their join and leave times and the duration', async () => {
    const t0 = clock.now();
    const id = await start(history, 'standup');
    await history.participantJoined({ meetingId: id, peerId: peer('b'), displayName: 'Bob' });
    clock.advance(5_000);
    await history.participantJoined({ meetingId: id, peerId: peer('c'), displayName: 'Carol' });
    clock.advance(10_000);
    await history.participantLeft({ meetingId: id, peerId: peer('b') });
    clock.advance(20_000);
    await history.endMeeting({ meetingId: id, reason: 'left' });

    const details = await history.get({ meetingId: id });
    expect(details).toMatchObject({ roomId: 'standup', serverUrl: 'http://127.0.0.1:8443', displayName: 'Ada', startedAt: t0, endedAt: t0 + 35_000, durationMs: 35_000, endReason: 'left' });
    expect(details.participantNames).toEqual(['Bob', 'Carol']);
    expect(details.participants).toEqual([
      { peerId: 'self-standup', displayName: 'Ada', isSelf: true, joinedAt: t0, leftAt: t0 + 35_000 },
      { peerId: 'b', displayName: 'Bob', isSelf: false, joinedAt: t0, leftAt: t0 + 15_000 },
      { peerId: 'c', displayName: 'Carol', isSelf: false, joinedAt: t0 + 5_000, leftAt: t0 + 35_000 },
    ]);
  });

  it('lists meetings newest first, with paging', async () => {
    for (const room of ['first', 'second', 'third']) {
      await start(history, room);
      clock.advance(60_000);
    }
    expect((await history.list({})).map((m) => m.roomId)).toEqual(['third', 'second', 'first']);
    expect((await history.list({ limit: 1, offset: 1 })).map((m) => m.roomId)).toEqual(['second']);
  });

  it('finds meetings by room name, by participant name and by chat text, case-insensitively', async () => {
    const design = await start(history, 'design-review');
    await history.participantJoined({ meetingId: design, peerId: peer('g'), displayName: 'Grace Hopper' });
    clock.advance(1000);
    const standup = await start(history, 'standup');
    await history.participantJoined({ meetingId: standup, peerId: peer('l'), displayName: 'Linus' });
    await history.recordChatMessage({ meetingId: standup, senderPeerId: peer('l'), senderName: 'Linus', text: 'The Budget slides are up', sentAt: clock.now(), private: false });

    const rooms = async (query: string) => (await history.list({ query })).map((m) => m.roomId);
    expect(await rooms('DESIGN')).toEqual(['design-review']);
    expect(await rooms('hopper')).toEqual(['design-review']);
    expect(await rooms('budget')).toEqual(['standup']);
    expect(await rooms('  ')).toEqual(['standup', 'design-review']);
    expect(await rooms('nobody')).toEqual([]);
    // The user's own name is not a reason to match: every meeting has it.
    expect(await rooms('Ada')).toEqual([]);
  });

  it('treats % and _ in a search as plain characters', async () => {
    await start(history, 'q3_review');
    await start(history, 'q3-review');
    expect((await history.list({ query: '3_r' })).map((m) => m.roomId)).toEqual(['q3_review']);
    expect(await history.list({ query: '%' })).toEqual([]);
  });

  it('deletes one meeting with its participants and chat, and only that one', async () => {
    const keep = await start(history, 'keep');
    const drop = await start(history, 'drop');
    await history.participantJoined({ meetingId: drop, peerId: peer('x'), displayName: 'Xavier' });
    await history.recordChatMessage({ meetingId: drop, senderPeerId: null, senderName: 'Ada', text: 'secret', sentAt: clock.now(), private: true });
    await history.delete({ meetingId: drop });

    expect((await history.list({})).map((m) => m.meetingId)).toEqual([keep]);
    expect(await history.list({ query: 'secret' })).toEqual([]);
    expect(await history.list({ query: 'xavier' })).toEqual([]);
    expect((await rejection(history.get({ meetingId: drop }))).code).toBe(ErrorCode.NotFound);
  });

  it('answers NOT_FOUND for a meeting that does not exist', async () => {
    const missing = 999 as MeetingId;
    for (const call of [history.get({ meetingId: missing }), history.delete({ meetingId: missing }), history.endMeeting({ meetingId: missing, reason: 'left' })]) {
      expect((await rejection(call)).code).toBe(ErrorCode.NotFound);
    }
  });

  it('clears every meeting and says how many there were', async () => {
    await start(history, 'a');
    await start(history, 'b');
    expect(await history.clear({})).toEqual({ deleted: 2 });
    expect(await history.list({})).toEqual([]);
    expect(await history.clear({})).toEqual({ deleted: 0 });
  });

  it('keeps one presence per stay for someone who leaves and comes back, and names them once', async () => {
    const id = await start(history, 'flaky');
    await history.participantJoined({ meetingId: id, peerId: peer('b1'), displayName: 'Bob' });
    await history.participantJoined({ meetingId: id, peerId: peer('b1'), displayName: 'Bob' }); // duplicate event: ignored
    clock.advance(1000);
    await history.participantLeft({ meetingId: id, peerId: peer('b1') });
    clock.advance(1000);
    await history.participantJoined({ meetingId: id, peerId: peer('b2'), displayName: 'Bob' });
    await history.endMeeting({ meetingId: id, reason: 'left' });

    const details = await history.get({ meetingId: id });
    expect(details.participants.filter((p) => !p.isSelf).map((p) => [p.peerId, p.leftAt !== null])).toEqual([['b1', true], ['b2', true]]);
    expect((await history.list({}))[0]!.participantNames).toEqual(['Bob']);
  });

  it('ignores a second end and refuses joins after the end', async () => {
    const id = await start(history, 'done');
    clock.advance(3000);
    await history.endMeeting({ meetingId: id, reason: 'left' });
    clock.advance(3000);
    await history.endMeeting({ meetingId: id, reason: 'failed' });
    expect(await history.get({ meetingId: id })).toMatchObject({ durationMs: 3000, endReason: 'left' });
    const late = await rejection(history.participantJoined({ meetingId: id, peerId: peer('z'), displayName: 'Zed' }));
    expect(late.code).toBe(ErrorCode.BadRequest);
  });

  it('closes meetings a crash left open as interrupted, at their last recorded event, on the next start', async () => {
    const t0 = clock.now();
    const id = await start(history, 'crashed');
    clock.advance(4000);
    await history.participantJoined({ meetingId: id, peerId: peer('b'), displayName: 'Bob' });
    clock.advance(60_000); // nothing recorded after this: the app died
    history.close();

    history = await HistoryMainService.create({ file: dir.file('history.sqlite'), logger: memoryLogger(), now: clock.now });
    const details = await history.get({ meetingId: id });
    expect(details).toMatchObject({ endReason: 'interrupted', endedAt: t0 + 4000, durationMs: 4000 });
    expect(details.participants.every((p) => p.leftAt === t0 + 4000)).toBe(true);
  });

  it('can be closed twice, and refuses calls after closing with UNAVAILABLE', async () => {
    history.close();
    history.close();
    expect((await rejection(history.list({}))).code).toBe(ErrorCode.Unavailable);
  });
});

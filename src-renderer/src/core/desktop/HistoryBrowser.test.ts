import { describe, expect, it } from 'vitest';
import type { HistoryService, MeetingId, MeetingSummary } from '../../../../src-common/ipc/history';
import type { RoomId } from '../../../../src-common/ids';
import { HistoryBrowser } from './HistoryBrowser';

const meeting = (id: number, roomId: string): MeetingSummary => ({
  meetingId: id as MeetingId,
  roomId: roomId as RoomId,
  serverUrl: 'http://h',
  displayName: 'Ada',
  role: 'guest',
  startedAt: 0,
  endedAt: 1000,
  endReason: 'left',
  durationMs: 1000,
  participantNames: [],
});

/** A history whose list answers are released by the test, in any order. */
function controllableHistory(rows: MeetingSummary[]) {
  const pending: Array<{ query: string; release: () => void }> = [];
  let current = [...rows];
  const history = {
    list: ({ query }: { query?: string }) =>
      new Promise<MeetingSummary[]>((resolve) => {
        pending.push({ query: query ?? '', release: () => resolve(current.filter((m) => m.roomId.includes(query ?? ''))) });
      }),
    delete: async ({ meetingId }: { meetingId: MeetingId }) => {
      current = current.filter((m) => m.meetingId !== meetingId);
    },
    getNotice: async () => null,
  } as unknown as HistoryService;
  return { history, pending };
}

describe('the History screen state', () => {
  it('never lets the answer to an older search overwrite a newer one', async () => {
    const { history, pending } = controllableHistory([meeting(1, 'standup'), meeting(2, 'retro')]);
    const browser = new HistoryBrowser(history);
    const first = browser.search('s');
    const second = browser.search('retro');
    pending[1]!.release();
    await second;
    pending[0]!.release();
    await first;
    expect(browser.state.get()).toMatchObject({ query: 'retro', loading: false });
    expect(browser.state.get().meetings.map((m) => m.roomId)).toEqual(['retro']);
  });

  it('drops a deleted meeting and lists again', async () => {
    const { history, pending } = controllableHistory([meeting(1, 'standup'), meeting(2, 'retro')]);
    const browser = new HistoryBrowser(history);
    const loading = browser.search('');
    pending[0]!.release();
    await loading;
    const deleting = browser.delete(1 as MeetingId);
    await new Promise((r) => setTimeout(r, 0));
    expect(browser.state.get().meetings.map((m) => m.roomId)).toEqual(['retro']);
    pending[1]!.release();
    await deleting;
    expect(browser.state.get().meetings.map((m) => m.roomId)).toEqual(['retro']);
  });
});

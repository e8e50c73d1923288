import { describe, expect, it } from 'vitest';
import type { RoomId } from '../../../src-common/ids';
import type { NotificationData } from '../../../src-common/protocol';
import { MAX_REMOVED_CLIENTS } from '../auth/MeetingRecordStore';
import { RETURN_NOTICE_INTERVAL_MS, ReturnNotices } from '../room/ReturnNotices';
import type { ClientId } from './clientId';
import { refuseRemovedClient, type ReturnAudience } from './removedReturn';

const roomId = 'room-1' as RoomId;
const cai = 'caiCaiCaiCaiCaiCaiCaiC' as ClientId;
const dee = 'deeDeeDeeDeeDeeDeeDeeD' as ClientId;

/** A room whose removed browsers are Cai's and Dee's, a hand-moved clock, and the notices its hosts got. */
function removedTwo() {
  let now = 1_000_000;
  const told: Array<NotificationData['removedPeerReturned']> = [];
  const room = { moderation: { returnNotices: new ReturnNotices(() => now) }, notifyModerators: (_method: 'removedPeerReturned', data: NotificationData['removedPeerReturned']) => void told.push(data) };
  const rooms: ReturnAudience = { get: (id) => (id === roomId ? room : undefined) };
  const authority = { removedClient: async (_room: RoomId, client: string) => ({ [cai]: 'Cai', [dee]: 'Dee' })[client] };
  const attempt = (client: ClientId | null, name: string): Promise<string> =>
    refuseRemovedClient(authority, rooms, roomId, client, name).then(
      () => 'let in',
      (error: { code: string; reason?: string }) => `${error.code}/${error.reason}`,
    );
  return { told, attempt, advance: (ms: number) => void (now += ms) };
}

describe('refusing a removed browser', () => {
  it('refuses every attempt but tells the hosts once a minute per browser, however often it reloads', async () => {
    const { told, attempt, advance } = removedTwo();
    for (let i = 0; i < 20; i++) {
      expect(await attempt(cai, `Cai ${i}`)).toBe('UNAUTHORIZED/removed');
      advance(1_000);
    }
    expect(told).toEqual([{ displayName: 'Cai 0', removedAs: 'Cai' }]);
    // Another removed browser has its own minute.
    expect(await attempt(dee, 'Dee')).toBe('UNAUTHORIZED/removed');
    expect(told).toHaveLength(2);
    advance(RETURN_NOTICE_INTERVAL_MS);
    expect(await attempt(cai, 'Cai later')).toBe('UNAUTHORIZED/removed');
    expect(told.at(-1)).toEqual({ displayName: 'Cai later', removedAs: 'Cai' });
    expect(told).toHaveLength(3);
  });

  it('lets in a browser that was not removed, or one the server does not know, and tells nobody', async () => {
    const { told, attempt } = removedTwo();
    expect(await attempt('effEffEffEffEffEffEffE' as ClientId, 'Eff')).toBe('let in');
    expect(await attempt(null, 'Anonymous')).toBe('let in');
    expect(told).toEqual([]);
  });
});

describe('ReturnNotices', () => {
  it('remembers no more browsers than a meeting records removed ones', () => {
    const notices = new ReturnNotices(() => 0);
    let told = 0;
    for (let i = 0; i < 10_000; i++) if (notices.shouldTell(`client-${i}`)) told++;
    expect(told).toBe(MAX_REMOVED_CLIENTS);
    expect(notices.shouldTell('client-0'), 'a browser told of within the minute stays quiet').toBe(false);
  });
});

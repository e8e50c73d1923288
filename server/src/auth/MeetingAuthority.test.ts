import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { MeetingAuthority } from './MeetingAuthority';
import { FileMeetingRecordStore, MAX_REMOVED_CLIENTS, MemoryMeetingRecordStore } from './MeetingRecordStore';

const room = 'standup' as RoomId;
const [ada, bob, cy] = ['ada', 'bob', 'cy'] as PeerId[];

describe('MeetingAuthority', () => {
  it('derives roles from the record: the fixed owner hosts, nobody else ever does', async () => {
    const authority = new MeetingAuthority(new MemoryMeetingRecordStore(), 3600);
    await authority.setOwner(room, ada!);
    await authority.recordRole(room, bob!, 'host');
    expect(await authority.roleOf(room, ada!)).toBe('host');
    expect(await authority.roleOf(room, bob!)).toBe('participant');
    await authority.recordRole(room, bob!, 'cohost');
    expect(await authority.roleOf(room, bob!)).toBe('cohost');
    await authority.recordRole(room, bob!, 'participant');
    expect(await authority.roleOf(room, bob!)).toBe('participant');
  });

  it('lets an open room hand over, the former host coming back as co-host', async () => {
    const authority = new MeetingAuthority(new MemoryMeetingRecordStore(), 3600);
    await authority.recordRole(room, ada!, 'host');
    await authority.recordRole(room, cy!, 'host');
    expect(await authority.roleOf(room, cy!)).toBe('host');
    expect(await authority.roleOf(room, ada!)).toBe('cohost');
  });

  it('keeps removals and endings in a 0600 file that a new store reads back, until they expire', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-authority-')), 'records.json');
    let now = 1_000_000;
    const clock = (): number => now;
    const first = FileMeetingRecordStore.open(file, clock);
    const authority = new MeetingAuthority(first, 600, clock);
    await authority.revoke(room, bob!);
    await authority.end(room, 42);
    await first.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const reread = new MeetingAuthority(FileMeetingRecordStore.open(file, clock), 600, clock);
    expect(await reread.isRevoked(room, bob!)).toBe(true);
    expect(await reread.endedAtSeq(room)).toBe(42);
    now += 601;
    const expired = new MeetingAuthority(FileMeetingRecordStore.open(file, clock), 600, clock);
    expect(await expired.isRevoked(room, bob!)).toBe(false);
  });

  it('remembers the browsers of removed peers with their names, at most MAX_REMOVED_CLIENTS, dropping the oldest', async () => {
    const authority = new MeetingAuthority(new MemoryMeetingRecordStore(), 3600);
    await authority.revoke(room, ada!);
    expect(await authority.removedClient(room, 'browser-0')).toBeUndefined();
    for (let i = 0; i <= MAX_REMOVED_CLIENTS; i++) await authority.revoke(room, `peer-${i}` as PeerId, { clientId: `browser-${i}`, name: `Person ${i}` });
    expect(await authority.removedClient(room, 'browser-0')).toBeUndefined();
    expect(await authority.removedClient(room, 'browser-1')).toBe('Person 1');
    expect(await authority.removedClient(room, `browser-${MAX_REMOVED_CLIENTS}`)).toBe(`Person ${MAX_REMOVED_CLIENTS}`);
    expect(await authority.removedClient('elsewhere' as RoomId, 'browser-1')).toBeUndefined();
    // Removed twice from the same browser: one entry, with the latest name.
    await authority.revoke(room, cy!, { clientId: 'browser-1', name: 'Cy' });
    expect(await authority.removedClient(room, 'browser-1')).toBe('Cy');
  });

  it('refuses to take over a file that is not a record file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-authority-')), 'records.json');
    fs.writeFileSync(file, '{"something":"else"}');
    expect(() => FileMeetingRecordStore.open(file)).toThrow(/not a Parley meeting record file/);
  });
});

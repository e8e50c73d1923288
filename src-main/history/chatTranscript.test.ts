import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeerId, RoomId } from '../../src-common/ids';
import { chatMessageInput } from '../../src-common/ipc/history';
import { memoryLogger } from '../log/Logger';
import { fakeClock, tempDir } from '../testing/tempDir';
import { HistoryMainService } from './HistoryMainService';
import { historyMigrations } from './migrations';
import { openHistoryDatabase } from './openHistoryDatabase';

const peer = (id: string) => id as PeerId;

describe('the chat transcript in the history', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ReturnType<typeof fakeClock>;
  beforeEach(() => {
    dir = tempDir();
    clock = fakeClock();
  });
  afterEach(() => dir.remove());

  const create = () => HistoryMainService.create({ file: dir.file('history.sqlite'), logger: memoryLogger(), now: clock.now });
  const start = (history: HistoryMainService, room: string) =>
    history.startMeeting({ roomId: room as RoomId, serverUrl: 'http://127.0.0.1:8443', displayName: 'Ada', selfPeerId: peer('self'), role: 'guest' });

  it('migrates a schema-1 file to the message-id schema in one step, keeping its chat', () => {
    const file = dir.file('history.sqlite');
    const v1 = openHistoryDatabase({ file, migrations: historyMigrations.slice(0, 1), logger: memoryLogger() }).db;
    v1.prepare("INSERT INTO meetings (room_id, server_url, display_name, role, started_at) VALUES ('old', 'http://h', 'Ada', 'guest', 1)").run();
    v1.prepare("INSERT INTO chat_messages (meeting_id, sender_name, text, sent_at) VALUES (1, 'Bob', 'before the upgrade', 2)").run();
    v1.close();

    const { db } = openHistoryDatabase({ file, migrations: historyMigrations, logger: memoryLogger() });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT text, message_id, recipient_name FROM chat_messages').all()).toEqual([{ text: 'before the upgrade', message_id: null, recipient_name: null }]);
    db.close();
  });

  it('keeps a message recorded twice (a rejoin fetches recent chat again) once, and messages without an id every time', async () => {
    const history = await create();
    const id = await start(history, 'retro');
    const message = { meetingId: id, senderPeerId: peer('b'), senderName: 'Bob', text: 'hello', sentAt: clock.now(), private: false, messageId: 'm-1' };
    await history.recordChatMessage(message);
    await history.recordChatMessage(message);
    await history.recordChatMessage({ ...message, messageId: undefined, text: 'no id' });
    await history.recordChatMessage({ ...message, messageId: undefined, text: 'no id' });
    expect((await history.get({ meetingId: id })).chat.map((c) => c.text)).toEqual(['hello', 'no id', 'no id']);
    // The same server id in another meeting is another message.
    const other = await start(history, 'other');
    await history.recordChatMessage({ ...message, meetingId: other });
    expect((await history.get({ meetingId: other })).chat).toHaveLength(1);
    history.close();
  });

  it('shows a transcript in the server’s order with private messages marked and their recipient, and finds the meeting by its chat', async () => {
    const history = await create();
    const id = await start(history, 'planning');
    await history.recordChatMessage({ meetingId: id, senderPeerId: peer('b'), senderName: 'Bob', text: 'Notes at https://example.org/notes', sentAt: 1000, private: false, messageId: 'a' });
    await history.recordChatMessage({ meetingId: id, senderPeerId: null, senderName: 'Ada', text: 'just for you', sentAt: 2000, private: true, messageId: 'b', recipientName: 'Bob' });
    await history.endMeeting({ meetingId: id, reason: 'left' });
    await start(history, 'unrelated');

    expect((await history.get({ meetingId: id })).chat).toEqual([
      { senderPeerId: 'b', senderName: 'Bob', text: 'Notes at https://example.org/notes', sentAt: 1000, private: false, recipientName: null },
      { senderPeerId: null, senderName: 'Ada', text: 'just for you', sentAt: 2000, private: true, recipientName: 'Bob' },
    ]);
    expect((await history.list({ query: 'EXAMPLE.ORG/notes' })).map((m) => m.roomId)).toEqual(['planning']);
    expect((await history.list({ query: 'for you' })).map((m) => m.roomId)).toEqual(['planning']);
    history.close();
  });

  it('refuses a malformed message at the boundary', () => {
    const good = { meetingId: 1, senderPeerId: null, senderName: 'Ada', text: 'hi', sentAt: 1, private: false };
    expect(chatMessageInput.safeParse(good).success).toBe(true);
    for (const bad of [{ ...good, messageId: '' }, { ...good, messageId: 'x'.repeat(65) }, { ...good, recipientName: '' }, { ...good, text: '' }, { ...good, extra: 1 }]) {
      expect(chatMessageInput.safeParse(bad).success).toBe(false);
    }
  });
});

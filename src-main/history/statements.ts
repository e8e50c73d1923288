import type Database from 'better-sqlite3';
import type { MeetingSummary } from '../../src-common/ipc/history';
import type { MeetingId } from '../../src-common/ipc/history';
import type { RoomId } from '../../src-common/ids';

/** A row of `meetings` as SQLite returns it. */
export interface MeetingRow {
  id: number;
  room_id: string;
  server_url: string;
  display_name: string;
  role: 'guest' | 'host';
  started_at: number;
  ended_at: number | null;
  end_reason: 'left' | 'failed' | 'interrupted' | null;
}

const meetingColumns = 'id, room_id, server_url, display_name, role, started_at, ended_at, end_reason';

/** Every statement the history uses, prepared once per connection. */
export function createStatements(db: Database.Database) {
  return {
    insertMeeting: db.prepare(
      'INSERT INTO meetings (room_id, server_url, display_name, role, started_at) VALUES (@roomId, @serverUrl, @displayName, @role, @startedAt)',
    ),
    meeting: db.prepare(`SELECT ${meetingColumns} FROM meetings WHERE id = @meetingId`),
    endMeeting: db.prepare('UPDATE meetings SET ended_at = @at, end_reason = @reason WHERE id = @meetingId AND ended_at IS NULL'),
    openMeetingsWithLastActivity: db.prepare(`
      SELECT m.id, MAX(m.started_at,
        COALESCE((SELECT MAX(MAX(p.joined_at, COALESCE(p.left_at, 0))) FROM participants p WHERE p.meeting_id = m.id), 0),
        COALESCE((SELECT MAX(c.sent_at) FROM chat_messages c WHERE c.meeting_id = m.id), 0)) AS last
      FROM meetings m WHERE m.ended_at IS NULL`),
    insertPresence: db.prepare(
      'INSERT INTO participants (meeting_id, peer_id, display_name, is_self, joined_at) VALUES (@meetingId, @peerId, @displayName, @isSelf, @at)',
    ),
    openPresence: db.prepare('SELECT id FROM participants WHERE meeting_id = @meetingId AND peer_id = @peerId AND left_at IS NULL'),
    closePresence: db.prepare(
      'UPDATE participants SET left_at = MAX(@at, joined_at) WHERE meeting_id = @meetingId AND peer_id = @peerId AND left_at IS NULL',
    ),
    closePresences: db.prepare('UPDATE participants SET left_at = MAX(@at, joined_at) WHERE meeting_id = @meetingId AND left_at IS NULL'),
    // OR IGNORE: a message the history already has (same server id) is not kept twice.
    insertChat: db.prepare(
      `INSERT OR IGNORE INTO chat_messages (meeting_id, sender_peer_id, sender_name, text, sent_at, private, message_id, recipient_name)
       VALUES (@meetingId, @senderPeerId, @senderName, @text, @sentAt, @private, @messageId, @recipientName)`,
    ),
    listMeetings: db.prepare(`SELECT ${meetingColumns} FROM meetings ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`),
    searchMeetings: db.prepare(`
      SELECT ${meetingColumns} FROM meetings m
      WHERE m.room_id LIKE @pattern ESCAPE '\\'
         OR EXISTS (SELECT 1 FROM participants p WHERE p.meeting_id = m.id AND p.is_self = 0 AND p.display_name LIKE @pattern ESCAPE '\\')
         OR EXISTS (SELECT 1 FROM chat_messages c WHERE c.meeting_id = m.id AND c.text LIKE @pattern ESCAPE '\\')
      ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`),
    otherNamesOf: db.prepare(`
      SELECT meeting_id, display_name, MIN(joined_at) AS first_seen FROM participants
      WHERE is_self = 0 AND meeting_id IN (SELECT value FROM json_each(@ids))
      GROUP BY meeting_id, display_name ORDER BY meeting_id, first_seen, MIN(id)`),
    presencesOf: db.prepare(
      'SELECT peer_id, display_name, is_self, joined_at, left_at FROM participants WHERE meeting_id = @meetingId ORDER BY joined_at, id',
    ),
    chatOf: db.prepare(
      'SELECT sender_peer_id, sender_name, text, sent_at, private, recipient_name FROM chat_messages WHERE meeting_id = @meetingId ORDER BY sent_at, id',
    ),
    deleteMeeting: db.prepare('DELETE FROM meetings WHERE id = @meetingId'),
    deleteAll: db.prepare('DELETE FROM meetings'),
  };
}

export type Statements = ReturnType<typeof createStatements>;

export function toSummary(row: MeetingRow, participantNames: string[]): MeetingSummary {
  return {
    meetingId: row.id as MeetingId,
    roomId: row.room_id as RoomId,
    serverUrl: row.server_url,
    displayName: row.display_name,
    role: row.role,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    durationMs: row.ended_at === null ? null : Math.max(0, row.ended_at - row.started_at),
    participantNames,
  };
}

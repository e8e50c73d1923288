import type Database from 'better-sqlite3';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { EmptyInput } from '../../src-common/ipc/contract';
import type {
  ChatMessageInput,
  EndMeetingInput,
  HistoryNotice,
  HistoryService,
  ListMeetingsInput,
  MeetingDetails,
  MeetingId,
  MeetingRefInput,
  MeetingSummary,
  ParticipantJoinedInput,
  ParticipantLeftInput,
  StartMeetingInput,
} from '../../src-common/ipc/history';
import type { Logger } from '../log/Logger';
import { historyMigrations, type Migration } from './migrations';
import { openHistoryDatabase } from './openHistoryDatabase';
import { createStatements, toSummary, type MeetingRow, type Statements } from './statements';

export interface HistoryMainServiceOptions {
  file: string;
  logger: Logger;
  /** The clock that stamps joins, leaves and ends (Date.now by default). */
  now?: () => number;
  nativeBinding?: string | undefined;
  /** The schema; the real one by default (tests pass others). */
  migrations?: readonly Migration[];
}

const DEFAULT_LIMIT = 100;

/** `%` and `_` in what the user typed are literal characters, not wildcards. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The meeting history in a better-sqlite3 database, as a plain module (no Electron): the main
 * process serves it over IPC, tests and the e2e harness use it directly. Every write is one
 * transaction, so a crash at any point leaves each meeting either fully recorded up to its last
 * committed event or not at all.
 */
export class HistoryMainService implements HistoryService {
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly sql: Statements,
    private readonly notice: HistoryNotice | null,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Opens the database (see openHistoryDatabase for migrations, newer schemas and damaged files). */
  static async create(options: HistoryMainServiceOptions): Promise<HistoryMainService> {
    const logger = options.logger;
    const { db, notice } = openHistoryDatabase({
      file: options.file,
      migrations: options.migrations ?? historyMigrations,
      logger,
      nativeBinding: options.nativeBinding,
    });
    const service = new HistoryMainService(db, createStatements(db), notice, options.now ?? Date.now, logger);
    service.closeInterrupted();
    return service;
  }

  /**
   * Meetings still open at start-up were cut short (the app crashed or was killed): they end at
   * their last recorded event, marked 'interrupted', with every presence closed then.
   */
  private closeInterrupted(): void {
    const count = this.db.transaction(() => {
      const open = this.sql.openMeetingsWithLastActivity.all() as Array<{ id: number; last: number }>;
      for (const { id, last } of open) {
        this.sql.closePresences.run({ meetingId: id, at: last });
        this.sql.endMeeting.run({ meetingId: id, at: last, reason: 'interrupted' });
      }
      return open.length;
    })();
    if (count > 0) this.logger.warn(`closeInterrupted() | ${count} meeting(s) were cut short and are marked interrupted`);
  }

  async startMeeting(input: StartMeetingInput): Promise<MeetingId> {
    this.assertOpen();
    const at = this.now();
    const id = this.db.transaction(() => {
      const { lastInsertRowid } = this.sql.insertMeeting.run({ ...input, startedAt: at });
      const meetingId = Number(lastInsertRowid);
      this.sql.insertPresence.run({ meetingId, peerId: input.selfPeerId, displayName: input.displayName, isSelf: 1, at });
      return meetingId;
    })();
    this.logger.info(`startMeeting() | meeting:${id} room=${input.roomId}`);
    return id as MeetingId;
  }

  async participantJoined({ meetingId, peerId, displayName }: ParticipantJoinedInput): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      this.requireOngoing(meetingId);
      if (this.sql.openPresence.get({ meetingId, peerId })) return;
      this.sql.insertPresence.run({ meetingId, peerId, displayName, isSelf: 0, at: this.now() });
    })();
  }

  async participantLeft({ meetingId, peerId }: ParticipantLeftInput): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      this.requireOngoing(meetingId);
      this.sql.closePresence.run({ meetingId, peerId, at: this.now() });
    })();
  }

  async recordChatMessage(input: ChatMessageInput): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      this.requireMeeting(input.meetingId);
      this.sql.insertChat.run({ ...input, private: input.private ? 1 : 0, messageId: input.messageId ?? null, recipientName: input.recipientName ?? null });
    })();
  }

  async endMeeting({ meetingId, reason }: EndMeetingInput): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      const meeting = this.requireMeeting(meetingId);
      if (meeting.ended_at !== null) return;
      const at = Math.max(this.now(), meeting.started_at);
      this.sql.closePresences.run({ meetingId, at });
      this.sql.endMeeting.run({ meetingId, at, reason });
    })();
    this.logger.info(`endMeeting() | meeting:${meetingId} reason=${reason}`);
  }

  async list({ query, limit, offset }: ListMeetingsInput): Promise<MeetingSummary[]> {
    this.assertOpen();
    const trimmed = query?.trim() ?? '';
    const page = { limit: limit ?? DEFAULT_LIMIT, offset: offset ?? 0 };
    const rows = (
      trimmed ? this.sql.searchMeetings.all({ ...page, pattern: likePattern(trimmed) }) : this.sql.listMeetings.all(page)
    ) as MeetingRow[];
    if (rows.length === 0) return [];
    const names = this.sql.otherNamesOf.all({ ids: JSON.stringify(rows.map((r) => r.id)) }) as Array<{ meeting_id: number; display_name: string }>;
    const byMeeting = new Map<number, string[]>();
    for (const { meeting_id, display_name } of names) {
      const list = byMeeting.get(meeting_id) ?? [];
      list.push(display_name);
      byMeeting.set(meeting_id, list);
    }
    return rows.map((row) => toSummary(row, byMeeting.get(row.id) ?? []));
  }

  async get({ meetingId }: MeetingRefInput): Promise<MeetingDetails> {
    this.assertOpen();
    return this.db.transaction(() => {
      const row = this.requireMeeting(meetingId);
      const participants = this.sql.presencesOf.all({ meetingId }) as Array<{
        peer_id: string;
        display_name: string;
        is_self: number;
        joined_at: number;
        left_at: number | null;
      }>;
      const chat = this.sql.chatOf.all({ meetingId }) as Array<{
        sender_peer_id: string | null;
        sender_name: string;
        text: string;
        sent_at: number;
        private: number;
        recipient_name: string | null;
      }>;
      const others = [...new Set(participants.filter((p) => !p.is_self).map((p) => p.display_name))];
      return {
        ...toSummary(row, others),
        participants: participants.map((p) => ({
          peerId: p.peer_id,
          displayName: p.display_name,
          isSelf: p.is_self === 1,
          joinedAt: p.joined_at,
          leftAt: p.left_at,
        })),
        chat: chat.map((c) => ({
          senderPeerId: c.sender_peer_id,
          senderName: c.sender_name,
          text: c.text,
          sentAt: c.sent_at,
          private: c.private === 1,
          recipientName: c.recipient_name,
        })),
      };
    })();
  }

  async delete({ meetingId }: MeetingRefInput): Promise<void> {
    this.assertOpen();
    const { changes } = this.sql.deleteMeeting.run({ meetingId });
    if (changes === 0) throw new ParleyError(ErrorCode.NotFound, `no meeting ${meetingId} in the history`);
    this.logger.info(`delete() | meeting:${meetingId}`);
  }

  async clear(_input: EmptyInput): Promise<{ deleted: number }> {
    this.assertOpen();
    const { changes } = this.sql.deleteAll.run();
    this.logger.info(`clear() | ${changes} meeting(s) deleted`);
    return { deleted: changes };
  }

  async getNotice(_input: EmptyInput): Promise<HistoryNotice | null> {
    return this.notice;
  }

  /** Closes the database (checkpointing the WAL). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    this.logger.info('close() | closed');
  }

  private assertOpen(): void {
    if (this.closed) throw new ParleyError(ErrorCode.Unavailable, 'the history is closed');
  }

  private requireMeeting(meetingId: number): MeetingRow {
    const row = this.sql.meeting.get({ meetingId }) as MeetingRow | undefined;
    if (!row) throw new ParleyError(ErrorCode.NotFound, `no meeting ${meetingId} in the history`);
    return row;
  }

  private requireOngoing(meetingId: number): void {
    if (this.requireMeeting(meetingId).ended_at !== null) {
      throw new ParleyError(ErrorCode.BadRequest, `meeting ${meetingId} has already ended`);
    }
  }
}

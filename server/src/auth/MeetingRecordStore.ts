/**
 * Where a meeting's authority lives: its owner, the roles moderators gave, the peers they removed
 * and whether it was ended. Behind a small interface so a single server keeps it in a file (it
 * survives restarts, like tokens do with `tokenSecret`) and a cluster can keep it in its directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const meetingRecordSchema = z.object({
  /** The peer who is the host whenever present (the meeting's owner). */
  owner: z.string().max(64).optional(),
  /** Whether the owner is fixed (a hosted meeting): nobody else ever becomes host. */
  fixedOwner: z.boolean().optional(),
  /** Co-hosts, by peer id (a demotion deletes the entry). */
  cohosts: z.array(z.string().max(64)).max(10_000),
  /** Peers a moderator removed: none of their tokens joins or resumes again. */
  removed: z.array(z.string().max(64)).max(10_000),
  /**
   * The browsers (server-issued client ids) of removed peers, with the name each had, newest
   * last; at most MAX_REMOVED_CLIENTS (the oldest go first). Absent in records from before it.
   */
  removedClients: z.array(z.strictObject({ client: z.string().max(64), name: z.string().max(64) })).max(10_000).optional(),
  /** The meeting was ended: tokens issued up to this sequence number are refused. */
  endedAtSeq: z.number().int().nonnegative().optional(),
  /** Seconds since the epoch after which no token this record judges is still valid. */
  expiresAt: z.number().int(),
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** Removed browsers remembered per meeting: a moderator removing people one by one never runs the record up. */
export const MAX_REMOVED_CLIENTS = 200;

export function emptyRecord(expiresAt: number): MeetingRecord {
  return { cohosts: [], removed: [], expiresAt };
}

/**
 * The store of meeting records, by room id. `update` is atomic per room (a cluster store does it
 * with a transaction); a record whose `expiresAt` passed is as good as absent and may be dropped.
 */
export interface MeetingRecordStore {
  get(roomId: string): Promise<MeetingRecord | undefined>;
  /** Applies `change` to the current record (or undefined) and stores what it returns. */
  update(roomId: string, change: (current: MeetingRecord | undefined) => MeetingRecord): Promise<MeetingRecord>;
  close(): Promise<void>;
}

/** Records in memory: they die with the server (as its random token key does). */
export class MemoryMeetingRecordStore implements MeetingRecordStore {
  protected readonly records = new Map<string, MeetingRecord>();

  constructor(protected readonly now: () => number = () => Math.floor(Date.now() / 1000)) {}

  async get(roomId: string): Promise<MeetingRecord | undefined> {
    const record = this.records.get(roomId);
    if (record && record.expiresAt <= this.now()) {
      this.records.delete(roomId);
      return undefined;
    }
    return record;
  }

  async update(roomId: string, change: (current: MeetingRecord | undefined) => MeetingRecord): Promise<MeetingRecord> {
    return this.apply(roomId, change);
  }

  async close(): Promise<void> {}

  /** Synchronous, so concurrent updates of one room never interleave. */
  protected apply(roomId: string, change: (current: MeetingRecord | undefined) => MeetingRecord): MeetingRecord {
    const now = this.now();
    const current = this.records.get(roomId);
    const next = change(current && current.expiresAt > now ? current : undefined);
    this.records.set(roomId, next);
    for (const [id, record] of this.records) if (record.expiresAt <= now) this.records.delete(id);
    return next;
  }
}

const fileSchema = z.object({ version: z.literal(1), records: z.record(z.string(), meetingRecordSchema) });

/**
 * Records in one JSON file (mode 0600), rewritten whole through a temporary file and a rename
 * after every change, so a crash leaves the old file or the new one, never half of one. Fine for
 * one server: a record is a few hundred bytes and changes only on moderation and endings.
 */
export class FileMeetingRecordStore extends MemoryMeetingRecordStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    now?: () => number,
  ) {
    super(now);
  }

  /** Loads `file` (absent: empty). A file that is not a record file throws rather than being overwritten. */
  static open(file: string, now?: () => number): FileMeetingRecordStore {
    const store = new FileMeetingRecordStore(path.resolve(file), now);
    let text: string | undefined;
    try {
      text = fs.readFileSync(store.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${store.file} is not a Parley meeting record file`);
      const nowSeconds = store.now();
      for (const [roomId, record] of Object.entries(parsed.data.records)) {
        if (record.expiresAt > nowSeconds) store.records.set(roomId, record);
      }
      fs.chmodSync(store.file, 0o600);
    }
    return store;
  }

  override async update(roomId: string, change: (current: MeetingRecord | undefined) => MeetingRecord): Promise<MeetingRecord> {
    const next = this.apply(roomId, change);
    await this.persist();
    return next;
  }

  override async close(): Promise<void> {
    await this.writing;
  }

  /** Writes are chained, so the file always ends with the latest state. */
  private persist(): Promise<void> {
    const text = JSON.stringify({ version: 1, records: Object.fromEntries(this.records) });
    this.writing = this.writing.catch(() => undefined).then(async () => {
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      await fs.promises.writeFile(temporary, text, { mode: 0o600 });
      await fs.promises.chmod(temporary, 0o600);
      await fs.promises.rename(temporary, this.file);
    });
    return this.writing;
  }
}

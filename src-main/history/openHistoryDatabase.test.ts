import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import { memoryLogger } from '../log/Logger';
import { tempDir } from '../testing/tempDir';
import { historyMigrations, type Migration } from './migrations';
import { openHistoryDatabase } from './openHistoryDatabase';

/** Two migrations after the real ones, as a later Parley would add them. */
const latest = historyMigrations.length;
const v2: Migration = { version: latest + 1, description: 'meeting notes', sql: 'ALTER TABLE meetings ADD COLUMN notes TEXT' };
const v3: Migration = { version: latest + 2, description: 'tags', sql: 'CREATE TABLE tags (meeting_id INTEGER, tag TEXT)' };

function insertMeeting(db: Database.Database, room: string): void {
  db.prepare("INSERT INTO meetings (room_id, server_url, display_name, role, started_at) VALUES (?, 'http://h', 'Ada', 'guest', 1)").run(room);
}

describe('openHistoryDatabase', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = dir.file('data/history.sqlite');
  });
  afterEach(() => dir.remove());

  const open = (migrations: readonly Migration[] = historyMigrations, logger = memoryLogger()) =>
    openHistoryDatabase({ file, migrations, logger, now: () => Date.UTC(2026, 0, 1) });

  it('creates a new database at the latest schema, in WAL mode with synchronous=FULL and foreign keys on', () => {
    const { db, notice } = open();
    expect(notice).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(historyMigrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['chat_messages', 'meetings', 'participants']);
    db.close();
  });

  it('migrates an older database step by step and keeps its rows', () => {
    const first = open();
    insertMeeting(first.db, 'old-room');
    first.db.close();

    const logger = memoryLogger();
    const { db } = open([...historyMigrations, v2, v3], logger);
    expect(db.pragma('user_version', { simple: true })).toBe(latest + 2);
    expect(db.prepare('SELECT room_id, notes FROM meetings').all()).toEqual([{ room_id: 'old-room', notes: null }]);
    expect(logger.lines.map((l) => l.line)).toEqual([`migrate() | schema ${latest + 1}: meeting notes`, `migrate() | schema ${latest + 2}: tags`]);
    db.close();
  });

  it('rolls a failing migration back whole: version, tables and rows stay as they were', () => {
    open().db.close();
    const broken: Migration = { version: latest + 1, description: 'half done', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' };
    expect(() => open([...historyMigrations, broken])).toThrow(/no such table: nowhere/);

    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from a newer version with SCHEMA_TOO_NEW and leaves the file byte for byte as it was', () => {
    const { db } = open([...historyMigrations, v2, v3]);
    insertMeeting(db, 'future');
    db.close();
    const before = fs.readFileSync(file);
    const walBefore = fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : null;

    let error: unknown;
    try {
      open(historyMigrations);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe(ErrorCode.SchemaTooNew);
    expect((error as ParleyError).message).toMatch(new RegExp(`newer version of Parley \\(database schema ${latest + 2}; this version reads up to ${latest}\\)`));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : null).toEqual(walBefore);
    expect(fs.readdirSync(dir.file('data')).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it.each([
    ['is not a database at all', (): void => fs.writeFileSync(file, 'this is a text file, not SQLite'.repeat(200))],
    [
      'has damaged pages',
      (): void => {
        const { db } = open();
        for (let i = 0; i < 300; i++) insertMeeting(db, `room-${i}-${'x'.repeat(200)}`);
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        const bytes = fs.readFileSync(file);
        bytes.fill(0xa5, 4096 + 100, 4096 * 4); // scribble over b-tree pages, keep the header
        fs.writeFileSync(file, bytes);
      },
    ],
  ])('moves a file that %s aside, starts a fresh history and tells where the old one went', (_label, damage) => {
    fs.mkdirSync(dir.file('data'), { recursive: true });
    damage();
    const damaged = fs.readFileSync(file);

    const { db, notice } = open();
    expect(notice?.kind).toBe('recovered-from-corruption');
    expect(notice?.message).toContain(notice!.movedTo);
    expect(fs.readFileSync(notice!.movedTo).equals(damaged)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(0);
    db.close();

    // The next start finds a healthy file and has nothing to report.
    const again = open();
    expect(again.notice).toBeNull();
    again.db.close();
  });
});

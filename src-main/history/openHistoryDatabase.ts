import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { HistoryNotice } from '../../src-common/ipc/history';
import type { Logger } from '../log/Logger';
import { latestVersion, type Migration } from './migrations';

export interface OpenHistoryOptions {
  /** The database file; its folder is created when missing. */
  file: string;
  migrations: readonly Migration[];
  logger: Logger;
  /** better-sqlite3's compiled addon, when it is not the one next to the package (Electron's ABI). */
  nativeBinding?: string | undefined;
  /** For naming the moved-aside file; Date.now by default. */
  now?: () => number;
}

export interface OpenedHistoryDatabase {
  db: Database.Database;
  /** Set when a damaged file was moved aside and a fresh one started: the user must be told. */
  notice: HistoryNotice | null;
}

/** SQLite's answers for a file that is not (or no longer) a readable database. */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

class CorruptDatabase extends Error {}

function isCorruption(error: unknown): boolean {
  if (error instanceof CorruptDatabase) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/**
 * Opens (creating or migrating) the history database: WAL journal, `synchronous=FULL` so a
 * committed meeting survives a crash or power loss, foreign keys on, deleted rows overwritten.
 *
 * - A database from a newer Parley (higher `user_version`) is refused with SCHEMA_TOO_NEW and
 *   left untouched.
 * - A damaged file is moved aside (with its WAL) and a fresh database started; the returned
 *   notice tells the user where the old file went. Corruption is not retried in a loop: a fresh
 *   file that fails too is an error.
 */
export function openHistoryDatabase(options: OpenHistoryOptions): OpenedHistoryDatabase {
  const latest = latestVersion(options.migrations);
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  try {
    return { db: openChecked(options, latest), notice: null };
  } catch (error) {
    if (!isCorruption(error)) throw error;
    const movedTo = moveAside(options.file, (options.now ?? Date.now)());
    options.logger.warn(`openHistoryDatabase() | damaged file moved to ${movedTo}`, error);
    const db = openChecked(options, latest);
    return {
      db,
      notice: {
        kind: 'recovered-from-corruption',
        message:
          'Your meeting history could not be read because its file was damaged. ' +
          `The damaged file was moved to ${movedTo} and a new, empty history was started.`,
        movedTo,
      },
    };
  }
}

function openChecked(options: OpenHistoryOptions, latest: number): Database.Database {
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Read the version before writing anything: a newer file must stay exactly as it is.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw new ParleyError(
        ErrorCode.SchemaTooNew,
        `This meeting history was written by a newer version of Parley (database schema ${version}; ` +
          `this version reads up to ${latest}). It was left untouched: update Parley to see it, ` +
          `or move ${options.file} away to start a new history.`,
      );
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new CorruptDatabase(`quick_check: ${String(check)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 2000');
    migrate(db, options.migrations, version, options.logger);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database, migrations: readonly Migration[], from: number, logger: Logger): void {
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      // Inside the transaction: the version moves only if every statement of the migration did.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    logger.info(`migrate() | schema ${migration.version}: ${migration.description}`);
  }
}

/** Renames the file and its WAL to `<file>.corrupt-<time>`; the shared-memory index is rebuilt anyway. */
function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
  fs.renameSync(file, target);
  if (fs.existsSync(`${file}-wal`)) fs.renameSync(`${file}-wal`, `${target}-wal`);
  fs.rmSync(`${file}-shm`, { force: true });
  return target;
}

/**
 * The history schema, as migrations applied in order by `PRAGMA user_version`. Each runs in one
 * transaction together with its version bump, so a failure leaves the database as it was. Never
 * edit a released migration: add the next one.
 */
export interface Migration {
  /** The user_version after this migration; 1, 2, 3... without gaps. */
  version: number;
  description: string;
  sql: string;
}

export const historyMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'meetings, participants (one row per presence) and chat messages',
    sql: `
      CREATE TABLE meetings (
        id           INTEGER PRIMARY KEY,
        room_id      TEXT    NOT NULL,
        server_url   TEXT    NOT NULL,
        display_name TEXT    NOT NULL,
        role         TEXT    NOT NULL CHECK (role IN ('guest', 'host')),
        started_at   INTEGER NOT NULL,
        ended_at     INTEGER,
        end_reason   TEXT    CHECK (end_reason IN ('left', 'failed', 'interrupted')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      );
      CREATE INDEX meetings_by_start ON meetings (started_at DESC, id DESC);

      CREATE TABLE participants (
        id           INTEGER PRIMARY KEY,
        meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        peer_id      TEXT    NOT NULL,
        display_name TEXT    NOT NULL,
        is_self      INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
        joined_at    INTEGER NOT NULL,
        left_at      INTEGER
      );
      CREATE INDEX participants_by_meeting ON participants (meeting_id, joined_at);

      CREATE TABLE chat_messages (
        id             INTEGER PRIMARY KEY,
        meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        sender_peer_id TEXT,
        sender_name    TEXT    NOT NULL,
        text           TEXT    NOT NULL,
        sent_at        INTEGER NOT NULL,
        private        INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1))
      );
      CREATE INDEX chat_by_meeting ON chat_messages (meeting_id, sent_at);
    `,
  },
  {
    version: 2,
    description: "chat messages keep the server's message id (recorded once, even when a rejoin fetches them again) and a private message's recipient",
    sql: `
      ALTER TABLE chat_messages ADD COLUMN message_id TEXT;
      ALTER TABLE chat_messages ADD COLUMN recipient_name TEXT;
      CREATE UNIQUE INDEX chat_by_message_id ON chat_messages (meeting_id, message_id) WHERE message_id IS NOT NULL;
    `,
  },
];

/** Checks the list is 1..n without gaps; a programming error otherwise. */
export function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
  return migrations.length;
}

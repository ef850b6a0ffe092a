import { closeSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * The admin database: administrator accounts, their sessions, the authority keys the admin signs
 * with, and which elections this admin created. It holds secrets (password hashes, session
 * hashes, signing keys), so it is a separate SQLite file from the board's public log, readable by
 * its owner only (mode 0600; SQLite gives its -wal and -shm files the same mode).
 */
export type AdminDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS keys (
  role TEXT PRIMARY KEY,
  secret_key TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS elections (
  id TEXT PRIMARY KEY,
  negotiation_id TEXT,
  created_by TEXT NOT NULL,
  created INTEGER NOT NULL
);
`;

/** The admin database next to a board database: `board.sqlite` → `board.admin.sqlite`. */
export function adminDbPathFor(boardDb: string): string {
  if (boardDb === ':memory:') return ':memory:';
  const match = /^(.*?)(\.sqlite3?|\.db)?$/.exec(boardDb) as RegExpExecArray;
  return `${match[1]}.admin${match[2] ?? '.sqlite'}`;
}

/** Opens (creating it with mode 0600 if needed) and migrates the admin database. */
export function openAdminDb(path: string): AdminDb {
  if (path !== ':memory:') {
    closeSync(openSync(path, 'a', 0o600));
    const mode = statSync(path).mode;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0)
      throw new Error(`admin database ${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

/** The committed SQL migrations (drizzle-kit output), shipped beside `dist/`. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export type BoardDatabase = ReturnType<typeof drizzleOver>;

function drizzleOver(client: Database.Database) {
  return drizzle({ client, schema });
}

/**
 * Opens the board's database for writing: WAL journal and `synchronous=FULL`, so that a
 * committed transaction survives a crash of the process or of the machine (the WAL is fsynced
 * at every commit), then applies pending migrations. One writer connection per database.
 */
export function openWriter(path: string): { client: Database.Database; db: BoardDatabase } {
  mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path);
  client.pragma('journal_mode = WAL');
  const mode = client.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') throw new Error(`database ${path}: could not enable WAL (journal_mode=${String(mode)})`);
  client.pragma('synchronous = FULL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const db = drizzleOver(client);
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { client, db };
}

/**
 * A read-only connection to the same file. Under WAL it reads the last committed snapshot and
 * never waits for the writer, so HTTP reads never see a write that is not yet durable.
 */
export function openReader(path: string): { client: Database.Database; db: BoardDatabase } {
  const client = new Database(path, { readonly: true, fileMustExist: true });
  client.pragma('busy_timeout = 5000');
  return { client, db: drizzleOver(client) };
}

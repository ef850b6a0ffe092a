import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readOptions, UsageError } from './options.js';

export const BACKUP_USAGE = `usage: ostraka board backup --db <file> --out <file>

Copies a board database to a new file while the board keeps running (SQLite's online backup:
a consistent snapshot of committed data). The copy does not contain the board's signing key;
back up the key file separately. Check a backup with \`ostraka board check --db <copy>\`.`;

export async function backup(args: string[]): Promise<number> {
  const values = readOptions(args, [
    { flag: 'db', env: 'OSTRAKA_BOARD_DB', help: 'database file', fallback: './board.sqlite' },
    { flag: 'out', env: 'OSTRAKA_BOARD_BACKUP_OUT', help: 'backup file to create' },
  ]);
  if (values.help) {
    console.log(BACKUP_USAGE);
    return 0;
  }
  const db = values.get('db') as string;
  const out = values.get('out');
  if (!out) throw new UsageError('--out <file> is required');
  if (existsSync(out)) throw new UsageError(`${out} already exists; refusing to overwrite`);
  if (!existsSync(db)) throw new UsageError(`no database at ${db}`);
  const source = new Database(db, { readonly: true, fileMustExist: true });
  try {
    await source.backup(out);
  } finally {
    source.close();
  }
  // The copy is a standalone database file (no WAL to carry along).
  const copy = new Database(out);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  console.log(JSON.stringify({ backup: out, from: db }));
  return 0;
}

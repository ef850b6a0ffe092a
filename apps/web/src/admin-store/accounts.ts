import type { AdminDb } from './admin-db.js';
import { decoyHash, hashPassword, verifyPassword } from './password-hash.js';

export const MIN_PASSWORD_LENGTH = 12;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export class AccountError extends Error {
  override readonly name = 'AccountError';
}

export function checkUsername(username: string): void {
  if (!USERNAME.test(username)) throw new AccountError('a username is 1-64 letters, digits and . _ @ -, starting with a letter or digit');
}

export async function addAccount(db: AdminDb, username: string, password: string, clock = Date.now): Promise<void> {
  checkUsername(username);
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AccountError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(password);
  const result = db.prepare('INSERT OR IGNORE INTO accounts (username, password_hash, created) VALUES (?, ?, ?)').run(username, hash, clock());
  if (result.changes === 0) throw new AccountError(`account "${username}" already exists`);
}

/** Removes the account and, with it, every session it has open. */
export function removeAccount(db: AdminDb, username: string): boolean {
  return db.prepare('DELETE FROM accounts WHERE username = ?').run(username).changes > 0;
}

export function listAccounts(db: AdminDb): { username: string; created: number }[] {
  return db.prepare('SELECT username, created FROM accounts ORDER BY username').all() as { username: string; created: number }[];
}

/** Whether the password is the account's; an unknown account costs the same time as a wrong password. */
export async function checkPassword(db: AdminDb, username: string, password: string): Promise<boolean> {
  const row = db.prepare('SELECT password_hash FROM accounts WHERE username = ?').get(username) as { password_hash: string } | undefined;
  if (!row) {
    await verifyPassword(password, await decoyHash());
    return false;
  }
  return verifyPassword(password, row.password_hash);
}

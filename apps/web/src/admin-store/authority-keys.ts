import { fromHex, generateSigningKey, signingKeyFromSecret, toHex, type SigningKey } from '@ostraka/crypto';
import type { AdminDb } from './admin-db.js';

/**
 * The two keys the admin signs with, kept in the admin database (never in a page, a log or the
 * board):
 * - `board-authority`: the board authority's key (the board's `--authority-key` is its public
 *   key): it registers peers (the election authority, mix servers, trustees);
 * - `election-authority`: the election authority's peer key: it signs every step of the
 *   elections this admin runs.
 */
export type KeyRole = 'board-authority' | 'election-authority';

export function loadKey(db: AdminDb, role: KeyRole): SigningKey | null {
  const row = db.prepare('SELECT secret_key FROM keys WHERE role = ?').get(role) as { secret_key: string } | undefined;
  return row ? signingKeyFromSecret(fromHex(row.secret_key, role, 32)) : null;
}

/** The key of `role`, generated (from the platform CSPRNG) and stored on first use. */
export function loadOrCreateKey(db: AdminDb, role: KeyRole, clock = Date.now): SigningKey {
  db.prepare('INSERT OR IGNORE INTO keys (role, secret_key, created) VALUES (?, ?, ?)').run(role, toHex(generateSigningKey().secretKey), clock());
  return loadKey(db, role) as SigningKey;
}

/** Replaces the key of `role` (importing an existing board authority key). */
export function storeKey(db: AdminDb, role: KeyRole, key: SigningKey, clock = Date.now): void {
  db.prepare('INSERT INTO keys (role, secret_key, created) VALUES (?, ?, ?) ON CONFLICT(role) DO UPDATE SET secret_key = excluded.secret_key, created = excluded.created').run(
    role,
    toHex(key.secretKey),
    clock(),
  );
}

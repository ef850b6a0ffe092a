import { createHash, randomBytes } from 'node:crypto';
import type { AdminDb } from './admin-db.js';

/**
 * Sign-in sessions. The browser holds a random 256-bit token in an HttpOnly cookie; the database
 * holds only its SHA-256, so a copy of the database opens no session. Each session has its own
 * CSRF token, which every admin form carries. A session ends after an idle hour or twelve hours,
 * at sign-out, or when its account is removed.
 */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;

export interface Session {
  readonly username: string;
  readonly csrf: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSession(db: AdminDb, username: string, clock = Date.now): { token: string; session: Session } {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('hex');
  const now = clock();
  db.prepare('INSERT INTO sessions (id_hash, username, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)').run(hashToken(token), username, csrf, now, now);
  return { token, session: { username, csrf } };
}

/** The live session of a token, touching it; null for an unknown, idle or too old session (which is deleted). */
export function findSession(db: AdminDb, token: string, clock = Date.now): Session | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashToken(token);
  const row = db.prepare('SELECT username, csrf, created, last_seen FROM sessions WHERE id_hash = ?').get(id) as
    | { username: string; csrf: string; created: number; last_seen: number }
    | undefined;
  if (!row) return null;
  const now = clock();
  if (now - row.last_seen > SESSION_IDLE_MS || now - row.created > SESSION_MAX_MS) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(id);
    return null;
  }
  // Touch at most once a minute: a page that polls does not write on every request.
  if (now - row.last_seen > 60_000) db.prepare('UPDATE sessions SET last_seen = ? WHERE id_hash = ?').run(now, id);
  return { username: row.username, csrf: row.csrf };
}

export function endSession(db: AdminDb, token: string): void {
  db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hashToken(token));
}

export function purgeExpiredSessions(db: AdminDb, clock = Date.now): void {
  const now = clock();
  db.prepare('DELETE FROM sessions WHERE last_seen < ? OR created < ?').run(now - SESSION_IDLE_MS, now - SESSION_MAX_MS);
}

import type { AdminDb } from './admin-db.js';

/** Elections this admin created, with the negotiation it opened on each manifest. */
export interface ManagedElection {
  readonly id: string;
  readonly negotiationId: string | null;
  readonly createdBy: string;
  readonly created: number;
}

export function recordElection(db: AdminDb, id: string, createdBy: string, clock = Date.now): void {
  db.prepare('INSERT OR IGNORE INTO elections (id, negotiation_id, created_by, created) VALUES (?, NULL, ?, ?)').run(id, createdBy, clock());
}

export function managedElection(db: AdminDb, id: string): ManagedElection | null {
  const row = db.prepare('SELECT id, negotiation_id, created_by, created FROM elections WHERE id = ?').get(id) as
    | { id: string; negotiation_id: string | null; created_by: string; created: number }
    | undefined;
  return row ? { id: row.id, negotiationId: row.negotiation_id, createdBy: row.created_by, created: row.created } : null;
}

export function setNegotiation(db: AdminDb, id: string, negotiationId: string): void {
  db.prepare('UPDATE elections SET negotiation_id = ? WHERE id = ?').run(negotiationId, id);
}

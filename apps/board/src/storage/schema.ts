import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The board's SQLite schema. `entries`, `tree_nodes` and `tree_heads` are the log itself and
 * are only ever inserted into; every other table is a projection of the log (the state of
 * the seed API's resources), rebuilt from the same entries by any reader of the transcript.
 * Migrations are generated from this file with drizzle-kit (`npm run db:generate -w
 * @ostraka/board`) and committed under `apps/board/drizzle/`.
 */

/** Board identity and configuration fixed at creation: board id, keys. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Every key allowed to sign entries: the board, the authority, peers, and kinds added by extensions. */
export const authors = sqliteTable('authors', {
  keyId: text('key_id').primaryKey(),
  publicKey: blob('public_key', { mode: 'buffer' }).notNull(),
  kind: text('kind').notNull(),
  /** Index of the entry that registered it. */
  entry: integer('entry').notNull(),
});

export const entries = sqliteTable(
  'entries',
  {
    index: integer('idx').primaryKey(),
    type: text('type').notNull(),
    election: text('election'),
    signer: text('signer').notNull(),
    author: blob('author', { mode: 'buffer' }).notNull(),
    /** Canonical JSON of the payload: exactly the bytes that were signed inside the statement. */
    payload: text('payload').notNull(),
    signature: blob('signature', { mode: 'buffer' }).notNull(),
    received: integer('received').notNull(),
    leafHash: blob('leaf_hash', { mode: 'buffer' }).notNull(),
    /** SHA-256 of the signed statement: the same statement twice is a replay. */
    statementHash: blob('statement_hash', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    uniqueIndex('entries_leaf_hash').on(t.leafHash),
    uniqueIndex('entries_statement_hash').on(t.statementHash),
    index('entries_type').on(t.type, t.index),
    index('entries_election_type').on(t.election, t.type, t.index).where(sql`${t.election} IS NOT NULL`),
  ],
);

/** Hashes of the perfect subtrees of the Merkle tree, keyed by `subtreeId(level, index)`. */
export const treeNodes = sqliteTable('tree_nodes', {
  id: integer('id').primaryKey(),
  hash: blob('hash', { mode: 'buffer' }).notNull(),
});

/** Every tree head the board signed and handed out, one per committed batch. */
export const treeHeads = sqliteTable('tree_heads', {
  size: integer('size').primaryKey(),
  timestamp: integer('timestamp').notNull(),
  root: blob('root', { mode: 'buffer' }).notNull(),
  signature: blob('signature', { mode: 'buffer' }).notNull(),
});

export const peers = sqliteTable('peers', {
  peerId: text('peer_id').primaryKey(),
  name: text('name').notNull(),
  peerType: text('peer_type').notNull(),
  keyType: integer('key_type').notNull(),
  keyData: text('key_data').notNull(),
  sizeMin: integer('size_min').notNull(),
  sizeMax: integer('size_max').notNull(),
  /** JSON array of owner peer ids (the negotiation's participants for a consensus-created peer). */
  owners: text('owners').notNull(),
  consensusId: text('consensus_id'),
  status: text('status').notNull(),
  entry: integer('entry').notNull(),
});

export const cycles = sqliteTable(
  'cycles',
  {
    peerId: text('peer_id').notNull(),
    cycleId: integer('cycle_id').notNull(),
    status: text('status').notNull(),
    inboxSize: integer('inbox_size').notNull(),
    outboxSize: integer('outbox_size').notNull(),
    entry: integer('entry').notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerId, t.cycleId] })],
);

export const messages = sqliteTable(
  'messages',
  {
    /** The message id is the index of its log entry. */
    id: integer('id').primaryKey(),
    peerId: text('peer_id').notNull(),
    cycleId: integer('cycle_id').notNull(),
    box: integer('box').notNull(),
    sender: text('sender').notNull(),
    recipient: text('recipient').notNull(),
    /** Canonical JSON of the message data. */
    data: text('data').notNull(),
    chunkDoc: text('chunk_doc'),
    chunkIndex: integer('chunk_index'),
    chunkCount: integer('chunk_count'),
  },
  (t) => [
    index('messages_box').on(t.peerId, t.cycleId, t.box, t.id),
    index('messages_chunks').on(t.peerId, t.cycleId, t.chunkDoc, t.chunkIndex).where(sql`${t.chunkDoc} IS NOT NULL`),
  ],
);

export const negotiations = sqliteTable('negotiations', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  /** JSON array of participant peer ids. */
  participants: text('participants').notNull(),
  text: text('text'),
  creator: text('creator').notNull(),
  consensusId: text('consensus_id'),
  contributions: integer('contributions').notNull(),
  entry: integer('entry').notNull(),
});

export const contributions = sqliteTable(
  'contributions',
  {
    id: integer('id').primaryKey(),
    negotiationId: text('negotiation_id').notNull(),
    peerId: text('peer_id').notNull(),
    text: text('text').notNull(),
    signature: text('signature').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('contributions_negotiation').on(t.negotiationId, t.id)],
);

export const consensus = sqliteTable('consensus', {
  id: text('id').primaryKey(),
  negotiationId: text('negotiation_id').notNull().unique(),
  text: text('text').notNull(),
  /** JSON object: participant peer id → text signature. */
  signings: text('signings').notNull(),
  /** Index of the contribution entry that completed the agreement. */
  entry: integer('entry').notNull(),
  /** Set once a consensus has authorised an action (e.g. creating a peer); a consensus authorises once. */
  usedBy: integer('used_by'),
});

/** Small keyed state for extension entry types (e.g. "credential X already voted in election E"). */
export const stateKv = sqliteTable(
  'state_kv',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    entry: integer('entry').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

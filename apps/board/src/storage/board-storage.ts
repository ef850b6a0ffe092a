import type { Json } from '@ostraka/protocol';
import type {
  AuthorRecord,
  ConsensusRecord,
  ContributionRecord,
  CycleRecord,
  CycleStatus,
  MessageRecord,
  NegotiationRecord,
  NegotiationStatus,
  NewEntry,
  PeerRecord,
  StoredEntry,
  SubtreeHash,
  TreeHead,
} from './records.js';

/**
 * The board's storage, behind an asynchronous interface so that a PostgreSQL backend (drizzle's
 * pg driver) can replace SQLite without touching the log or the API (DESIGN.md). Two rules
 * every backend keeps:
 * - `reader` sees committed data only. HTTP reads use it, so nothing is served before it is durable.
 * - `write(fn)` runs `fn` in one transaction and resolves only after a durable commit; if `fn`
 *   throws, nothing of it remains. Only the board's commit queue calls `write`, one at a time.
 */
export interface BoardStorage {
  readonly reader: BoardReader;
  write<T>(fn: (tx: BoardWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Page {
  /** Only rows with an id (entry index) above this. */
  readonly after?: number;
  readonly limit: number;
}

export interface BoardReader {
  meta(key: string): Promise<string | null>;
  author(keyId: string): Promise<AuthorRecord | null>;

  entry(index: number): Promise<StoredEntry | null>;
  /**
   * Entries with `start ≤ index < end`, in order; with `maxBytes`, stops early once the payloads
   * returned exceed that many bytes (always returning at least one entry).
   */
  entries(start: number, end: number, maxBytes?: number): Promise<StoredEntry[]>;
  entryIndexByLeafHash(leafHash: Uint8Array): Promise<number | null>;
  /** Entries of one type (optionally of one election), by increasing index. */
  entriesByType(query: { type: string; election?: string; maxBytes?: number } & Page): Promise<StoredEntry[]>;
  countEntries(query: { type: string; election?: string }): Promise<number>;
  statementSeen(statementHash: Uint8Array): Promise<boolean>;

  /** Stored perfect-subtree hashes by `subtreeId`; absent ids are absent from the map. */
  subtrees(ids: readonly number[]): Promise<Map<number, Uint8Array>>;
  latestHead(): Promise<TreeHead | null>;
  head(size: number): Promise<TreeHead | null>;
  /** Signed heads with size above `after`, by increasing size. */
  heads(page: Page): Promise<TreeHead[]>;

  peers(page: { after?: string; limit: number }): Promise<PeerRecord[]>;
  peer(peerId: string): Promise<PeerRecord | null>;
  cycles(peerId: string): Promise<CycleRecord[]>;
  cycle(peerId: string, cycleId: number): Promise<CycleRecord | null>;
  lastCycleId(peerId: string): Promise<number>;
  /** A cycle's inbox or outbox by increasing id; `maxBytes` as for `entries`. */
  messages(query: { peerId: string; cycleId: number; box: 0 | 1; maxBytes?: number } & Page): Promise<MessageRecord[]>;
  /** The last chunk posted of document `doc` in a cycle's outbox. */
  lastChunk(peerId: string, cycleId: number, doc: string): Promise<{ index: number; count: number } | null>;
  /** Documents of a cycle's outbox whose chunks are not all posted yet. */
  incompleteChunkDocs(peerId: string, cycleId: number): Promise<string[]>;

  negotiation(id: string): Promise<NegotiationRecord | null>;
  contributions(negotiationId: string): Promise<ContributionRecord[]>;
  consensus(id: string): Promise<ConsensusRecord | null>;

  kvGet(scope: string, key: string): Promise<Json | null>;
}

export interface BoardWriter extends BoardReader {
  /** Runs `fn`; if it throws, undoes its writes (and only those) and rethrows. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  putMeta(key: string, value: string): Promise<void>;
  insertAuthor(author: AuthorRecord): Promise<void>;
  /** `payloadText`: the payload's canonical JSON when the caller already has it. */
  insertEntry(entry: NewEntry, payloadText?: string): Promise<void>;
  insertSubtrees(subtrees: readonly SubtreeHash[]): Promise<void>;
  insertHead(head: TreeHead): Promise<void>;

  insertPeer(peer: PeerRecord): Promise<void>;
  insertCycle(cycle: CycleRecord): Promise<void>;
  updateCycle(peerId: string, cycleId: number, change: { status?: CycleStatus; inboxSize?: number; outboxSize?: number }): Promise<void>;
  insertMessage(message: MessageRecord): Promise<void>;
  insertNegotiation(negotiation: NegotiationRecord): Promise<void>;
  updateNegotiation(id: string, change: { status: NegotiationStatus; consensusId: string | null; contributions: number }): Promise<void>;
  insertContribution(contribution: ContributionRecord): Promise<void>;
  insertConsensus(consensus: ConsensusRecord): Promise<void>;
  markConsensusUsed(id: string, entry: number): Promise<void>;

  kvPut(scope: string, key: string, value: Json, entry: number): Promise<void>;
  /** Inserts unless the key exists; returns false (and writes nothing) if it does. */
  kvInsert(scope: string, key: string, value: Json, entry: number): Promise<boolean>;
}

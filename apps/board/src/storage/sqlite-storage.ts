import type Database from 'better-sqlite3';
import { and, asc, count, eq, gt, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { toHex } from '@ostraka/crypto';
import { canonicalJson, type Json } from '@ostraka/protocol';
import { subtreeId } from '@ostraka/protocol/log';
import type { BoardReader, BoardStorage, BoardWriter, Page } from './board-storage.js';
import { openReader, openWriter, type BoardDatabase } from './open-sqlite.js';
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
import * as t from './schema.js';

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const buffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

type EntryRow = typeof t.entries.$inferSelect;
function toStoredEntry(r: EntryRow): StoredEntry {
  return {
    index: r.index,
    type: r.type,
    signer: r.signer,
    author: toHex(r.author),
    payload: JSON.parse(r.payload),
    signature: toHex(r.signature),
    received: r.received,
    leafHash: toHex(r.leafHash),
    election: r.election,
  };
}
type PeerRow = typeof t.peers.$inferSelect;
const toPeer = (r: PeerRow): PeerRecord => ({ ...r, owners: JSON.parse(r.owners) as string[] });
type CycleRow = typeof t.cycles.$inferSelect;
const toCycle = (r: CycleRow): CycleRecord => ({ ...r, status: r.status as CycleStatus });
type MessageRow = typeof t.messages.$inferSelect;
const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id,
  peerId: r.peerId,
  cycleId: r.cycleId,
  box: r.box as 0 | 1,
  sender: r.sender,
  recipient: r.recipient,
  data: JSON.parse(r.data) as Json,
  chunk: r.chunkDoc === null ? null : { doc: r.chunkDoc, index: r.chunkIndex as number, count: r.chunkCount as number },
});
type NegotiationRow = typeof t.negotiations.$inferSelect;
const toNegotiation = (r: NegotiationRow): NegotiationRecord => ({
  ...r,
  status: r.status as NegotiationStatus,
  participants: JSON.parse(r.participants) as string[],
});
type HeadRow = typeof t.treeHeads.$inferSelect;
const toHead = (board: string, r: HeadRow): TreeHead => ({
  board,
  size: r.size,
  timestamp: r.timestamp,
  root: toHex(r.root),
  signature: toHex(r.signature),
});

const p = sql.placeholder;

/** The longest prefix of `rows` whose sizes stay within `maxBytes` (at least one row). */
function withinBytes<R>(rows: R[], size: (r: R) => number, maxBytes: number): R[] {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    total += size(rows[i]);
    if (total > maxBytes && i > 0) return rows.slice(0, i);
  }
  return rows;
}
const canonical = (v: Json): string => canonicalJson(v);

/** The read queries, prepared once per connection (drizzle builds SQL once, SQLite plans once). */
function prepareReads(db: BoardDatabase) {
  return {
    meta: db.select({ value: t.meta.value }).from(t.meta).where(eq(t.meta.key, p('key'))).prepare(),
    author: db.select().from(t.authors).where(eq(t.authors.keyId, p('keyId'))).prepare(),
    entry: db.select().from(t.entries).where(eq(t.entries.index, p('index'))).prepare(),
    entries: db
      .select()
      .from(t.entries)
      .where(and(sql`${t.entries.index} >= ${p('start')}`, sql`${t.entries.index} < ${p('end')}`))
      .orderBy(asc(t.entries.index))
      .prepare(),
    byLeaf: db.select({ index: t.entries.index }).from(t.entries).where(eq(t.entries.leafHash, p('leaf'))).prepare(),
    statement: db.select({ index: t.entries.index }).from(t.entries).where(eq(t.entries.statementHash, p('hash'))).prepare(),
    byType: db
      .select()
      .from(t.entries)
      .where(and(eq(t.entries.type, p('type')), gt(t.entries.index, p('after'))))
      .orderBy(asc(t.entries.index))
      .limit(p('limit'))
      .prepare(),
    byElection: db
      .select()
      .from(t.entries)
      .where(and(eq(t.entries.election, p('election')), eq(t.entries.type, p('type')), gt(t.entries.index, p('after'))))
      .orderBy(asc(t.entries.index))
      .limit(p('limit'))
      .prepare(),
    countType: db.select({ n: count() }).from(t.entries).where(eq(t.entries.type, p('type'))).prepare(),
    countElection: db
      .select({ n: count() })
      .from(t.entries)
      .where(and(eq(t.entries.election, p('election')), eq(t.entries.type, p('type'))))
      .prepare(),
    latestHead: db.select().from(t.treeHeads).orderBy(sql`${t.treeHeads.size} DESC`).limit(1).prepare(),
    head: db.select().from(t.treeHeads).where(eq(t.treeHeads.size, p('size'))).prepare(),
    heads: db.select().from(t.treeHeads).where(gt(t.treeHeads.size, p('after'))).orderBy(asc(t.treeHeads.size)).limit(p('limit')).prepare(),
    peers: db.select().from(t.peers).where(gt(t.peers.peerId, p('after'))).orderBy(asc(t.peers.peerId)).limit(p('limit')).prepare(),
    peer: db.select().from(t.peers).where(eq(t.peers.peerId, p('peerId'))).prepare(),
    cycles: db.select().from(t.cycles).where(eq(t.cycles.peerId, p('peerId'))).orderBy(asc(t.cycles.cycleId)).prepare(),
    cycle: db
      .select()
      .from(t.cycles)
      .where(and(eq(t.cycles.peerId, p('peerId')), eq(t.cycles.cycleId, p('cycleId'))))
      .prepare(),
    lastCycle: db.select({ id: max(t.cycles.cycleId) }).from(t.cycles).where(eq(t.cycles.peerId, p('peerId'))).prepare(),
    messages: db
      .select()
      .from(t.messages)
      .where(
        and(
          eq(t.messages.peerId, p('peerId')),
          eq(t.messages.cycleId, p('cycleId')),
          eq(t.messages.box, p('box')),
          gt(t.messages.id, p('after')),
        ),
      )
      .orderBy(asc(t.messages.id))
      .limit(p('limit'))
      .prepare(),
    lastChunk: db
      .select({ index: t.messages.chunkIndex, count: t.messages.chunkCount })
      .from(t.messages)
      .where(and(eq(t.messages.peerId, p('peerId')), eq(t.messages.cycleId, p('cycleId')), eq(t.messages.chunkDoc, p('doc'))))
      .orderBy(sql`${t.messages.chunkIndex} DESC`)
      .limit(1)
      .prepare(),
    chunkDocs: db
      .select({ doc: t.messages.chunkDoc, last: max(t.messages.chunkIndex), count: max(t.messages.chunkCount) })
      .from(t.messages)
      .where(and(eq(t.messages.peerId, p('peerId')), eq(t.messages.cycleId, p('cycleId')), isNotNull(t.messages.chunkDoc)))
      .groupBy(t.messages.chunkDoc)
      .prepare(),
    negotiation: db.select().from(t.negotiations).where(eq(t.negotiations.id, p('id'))).prepare(),
    contributions: db
      .select()
      .from(t.contributions)
      .where(eq(t.contributions.negotiationId, p('id')))
      .orderBy(asc(t.contributions.id))
      .prepare(),
    consensus: db.select().from(t.consensus).where(eq(t.consensus.id, p('id'))).prepare(),
    kv: db
      .select({ value: t.stateKv.value })
      .from(t.stateKv)
      .where(and(eq(t.stateKv.scope, p('scope')), eq(t.stateKv.key, p('key'))))
      .prepare(),
  };
}

class SqliteReader implements BoardReader {
  protected readonly q: ReturnType<typeof prepareReads>;
  constructor(protected readonly db: BoardDatabase, private readonly boardId: () => string) {
    this.q = prepareReads(db);
  }
  async meta(key: string) {
    return this.q.meta.get({ key })?.value ?? null;
  }
  async author(keyId: string): Promise<AuthorRecord | null> {
    const r = this.q.author.get({ keyId });
    return r ? { keyId: r.keyId, publicKey: bytes(r.publicKey), kind: r.kind, entry: r.entry } : null;
  }
  async entry(index: number) {
    const r = this.q.entry.get({ index });
    return r ? toStoredEntry(r) : null;
  }
  async entries(start: number, end: number, maxBytes = Infinity) {
    return withinBytes(this.q.entries.all({ start, end }), (r) => r.payload.length, maxBytes).map(toStoredEntry);
  }
  async entryIndexByLeafHash(leafHash: Uint8Array) {
    return this.q.byLeaf.get({ leaf: buffer(leafHash) })?.index ?? null;
  }
  async entriesByType(query: { type: string; election?: string; maxBytes?: number } & Page) {
    const after = query.after ?? -1;
    const rows =
      query.election === undefined
        ? this.q.byType.all({ type: query.type, after, limit: query.limit })
        : this.q.byElection.all({ type: query.type, election: query.election, after, limit: query.limit });
    return withinBytes(rows, (r) => r.payload.length, query.maxBytes ?? Infinity).map(toStoredEntry);
  }
  async countEntries(query: { type: string; election?: string }) {
    const r =
      query.election === undefined
        ? this.q.countType.get({ type: query.type })
        : this.q.countElection.get({ type: query.type, election: query.election });
    return r?.n ?? 0;
  }
  async statementSeen(statementHash: Uint8Array) {
    return this.q.statement.get({ hash: buffer(statementHash) }) !== undefined;
  }
  async subtrees(ids: readonly number[]) {
    const out = new Map<number, Uint8Array>();
    if (ids.length === 0) return out;
    const params: Record<string, number> = {};
    ids.forEach((id, i) => (params[`i${i}`] = id));
    for (const r of this.subtreeQuery(ids.length).all(params)) out.set(r.id, bytes(r.hash));
    return out;
  }
  // Proofs read O(log n) subtrees by id: one prepared statement per list length (at most ~110).
  private readonly subtreeQueries = new Map<number, ReturnType<SqliteReader['prepareSubtreeQuery']>>();
  private subtreeQuery(count: number) {
    let q = this.subtreeQueries.get(count);
    if (!q) this.subtreeQueries.set(count, (q = this.prepareSubtreeQuery(count)));
    return q;
  }
  private prepareSubtreeQuery(count: number) {
    const placeholders = Array.from({ length: count }, (_, i) => p(`i${i}`));
    return this.db.select().from(t.treeNodes).where(inArray(t.treeNodes.id, placeholders)).prepare();
  }
  async latestHead() {
    const r = this.q.latestHead.get();
    return r ? toHead(this.boardId(), r) : null;
  }
  async head(size: number) {
    const r = this.q.head.get({ size });
    return r ? toHead(this.boardId(), r) : null;
  }
  async heads(page: Page) {
    return this.q.heads.all({ after: page.after ?? -1, limit: page.limit }).map((r) => toHead(this.boardId(), r));
  }
  async peers(page: { after?: string; limit: number }) {
    return this.q.peers.all({ after: page.after ?? '', limit: page.limit }).map(toPeer);
  }
  async peer(peerId: string) {
    const r = this.q.peer.get({ peerId });
    return r ? toPeer(r) : null;
  }
  async cycles(peerId: string) {
    return this.q.cycles.all({ peerId }).map(toCycle);
  }
  async cycle(peerId: string, cycleId: number) {
    const r = this.q.cycle.get({ peerId, cycleId });
    return r ? toCycle(r) : null;
  }
  async lastCycleId(peerId: string) {
    return this.q.lastCycle.get({ peerId })?.id ?? 0;
  }
  async messages(query: { peerId: string; cycleId: number; box: 0 | 1; maxBytes?: number } & Page) {
    const rows = this.q.messages.all({ peerId: query.peerId, cycleId: query.cycleId, box: query.box, limit: query.limit, after: query.after ?? -1 });
    return withinBytes(rows, (r) => r.data.length, query.maxBytes ?? Infinity).map(toMessage);
  }
  async lastChunk(peerId: string, cycleId: number, doc: string) {
    const r = this.q.lastChunk.get({ peerId, cycleId, doc });
    return r ? { index: r.index as number, count: r.count as number } : null;
  }
  async incompleteChunkDocs(peerId: string, cycleId: number) {
    return this.q.chunkDocs
      .all({ peerId, cycleId })
      .filter((r) => (r.last as number) + 1 < (r.count as number))
      .map((r) => r.doc as string);
  }
  async negotiation(id: string) {
    const r = this.q.negotiation.get({ id });
    return r ? toNegotiation(r) : null;
  }
  async contributions(negotiationId: string): Promise<ContributionRecord[]> {
    return this.q.contributions.all({ id: negotiationId });
  }
  async consensus(id: string): Promise<ConsensusRecord | null> {
    const r = this.q.consensus.get({ id });
    return r ? { ...r, signings: JSON.parse(r.signings) as Record<string, string> } : null;
  }
  async kvGet(scope: string, key: string) {
    const r = this.q.kv.get({ scope, key });
    return r ? (JSON.parse(r.value) as Json) : null;
  }
}

function prepareWrites(db: BoardDatabase) {
  return {
    entry: db
      .insert(t.entries)
      .values({
        index: p('index'),
        type: p('type'),
        election: p('election'),
        signer: p('signer'),
        author: p('author'),
        payload: p('payload'),
        signature: p('signature'),
        received: p('received'),
        leafHash: p('leafHash'),
        statementHash: p('statementHash'),
      })
      .prepare(),
    node: db.insert(t.treeNodes).values({ id: p('id'), hash: p('hash') }).prepare(),
    cycleInbox: db
      .update(t.cycles)
      .set({ inboxSize: sql`${p('inboxSize')}` })
      .where(and(eq(t.cycles.peerId, p('peerId')), eq(t.cycles.cycleId, p('cycleId'))))
      .prepare(),
    cycleOutbox: db
      .update(t.cycles)
      .set({ outboxSize: sql`${p('outboxSize')}` })
      .where(and(eq(t.cycles.peerId, p('peerId')), eq(t.cycles.cycleId, p('cycleId'))))
      .prepare(),
    head: db
      .insert(t.treeHeads)
      .values({ size: p('size'), timestamp: p('timestamp'), root: p('root'), signature: p('signature') })
      .onConflictDoNothing()
      .prepare(),
    message: db
      .insert(t.messages)
      .values({
        id: p('id'),
        peerId: p('peerId'),
        cycleId: p('cycleId'),
        box: p('box'),
        sender: p('sender'),
        recipient: p('recipient'),
        data: p('data'),
        chunkDoc: p('chunkDoc'),
        chunkIndex: p('chunkIndex'),
        chunkCount: p('chunkCount'),
      })
      .prepare(),
  };
}

/** SAVEPOINT, RELEASE and ROLLBACK TO statements per nesting level, prepared once (they run for every write). */
class Savepoints {
  private readonly levels: { begin: Database.Statement; release: Database.Statement; rollback: Database.Statement }[] = [];
  constructor(private readonly client: Database.Database) {}
  level(depth: number) {
    while (this.levels.length <= depth) {
      const name = `sp${this.levels.length}`;
      this.levels.push({
        begin: this.client.prepare(`SAVEPOINT ${name}`),
        release: this.client.prepare(`RELEASE ${name}`),
        rollback: this.client.prepare(`ROLLBACK TO ${name}`),
      });
    }
    return this.levels[depth];
  }
}

class SqliteWriter extends SqliteReader implements BoardWriter {
  private readonly w: ReturnType<typeof prepareWrites>;
  private readonly savepoints: Savepoints;
  private depth = 0;
  constructor(db: BoardDatabase, client: Database.Database, boardId: () => string) {
    super(db, boardId);
    this.w = prepareWrites(db);
    this.savepoints = new Savepoints(client);
  }
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const sp = this.savepoints.level(this.depth++);
    sp.begin.run();
    try {
      const result = await fn();
      sp.release.run();
      return result;
    } catch (e) {
      sp.rollback.run();
      sp.release.run();
      throw e;
    } finally {
      this.depth--;
    }
  }
  async putMeta(key: string, value: string) {
    this.db.insert(t.meta).values({ key, value }).onConflictDoUpdate({ target: t.meta.key, set: { value } }).run();
  }
  async insertAuthor(a: AuthorRecord) {
    this.db.insert(t.authors).values({ keyId: a.keyId, publicKey: buffer(a.publicKey), kind: a.kind, entry: a.entry }).run();
  }
  async insertEntry(e: NewEntry, payloadText?: string) {
    this.w.entry.run({
      index: e.index,
      type: e.type,
      election: e.election,
      signer: e.signer,
      author: Buffer.from(e.author, 'hex'),
      payload: payloadText ?? canonical(e.payload),
      signature: Buffer.from(e.signature, 'hex'),
      received: e.received,
      leafHash: buffer(e.leafHash),
      statementHash: buffer(e.statementHash),
    });
  }
  async insertSubtrees(subtrees: readonly SubtreeHash[]) {
    for (const s of subtrees) this.w.node.run({ id: subtreeId(s.level, s.index), hash: buffer(s.hash) });
  }
  async insertHead(h: TreeHead) {
    // One head per size: a size is signed once, when the batch that reached it commits.
    this.w.head.run({ size: h.size, timestamp: h.timestamp, root: Buffer.from(h.root, 'hex'), signature: Buffer.from(h.signature, 'hex') });
  }
  async insertPeer(r: PeerRecord) {
    this.db.insert(t.peers).values({ ...r, owners: JSON.stringify(r.owners) }).run();
  }
  async insertCycle(r: CycleRecord) {
    this.db.insert(t.cycles).values(r).run();
  }
  async updateCycle(peerId: string, cycleId: number, change: { status?: CycleStatus; inboxSize?: number; outboxSize?: number }) {
    // The counters change on every message: prepared statements for them.
    if (change.status === undefined && change.outboxSize === undefined && change.inboxSize !== undefined)
      return void this.w.cycleInbox.run({ peerId, cycleId, inboxSize: change.inboxSize });
    if (change.status === undefined && change.inboxSize === undefined && change.outboxSize !== undefined)
      return void this.w.cycleOutbox.run({ peerId, cycleId, outboxSize: change.outboxSize });
    this.db
      .update(t.cycles)
      .set(change)
      .where(and(eq(t.cycles.peerId, peerId), eq(t.cycles.cycleId, cycleId)))
      .run();
  }
  async insertMessage(m: MessageRecord) {
    this.w.message.run({
      id: m.id,
      peerId: m.peerId,
      cycleId: m.cycleId,
      box: m.box,
      sender: m.sender,
      recipient: m.recipient,
      data: canonical(m.data),
      chunkDoc: m.chunk?.doc ?? null,
      chunkIndex: m.chunk?.index ?? null,
      chunkCount: m.chunk?.count ?? null,
    });
  }
  async insertNegotiation(r: NegotiationRecord) {
    this.db.insert(t.negotiations).values({ ...r, participants: JSON.stringify(r.participants) }).run();
  }
  async updateNegotiation(id: string, change: { status: NegotiationStatus; consensusId: string | null; contributions: number }) {
    this.db.update(t.negotiations).set(change).where(eq(t.negotiations.id, id)).run();
  }
  async insertContribution(r: ContributionRecord) {
    this.db.insert(t.contributions).values(r).run();
  }
  async insertConsensus(r: ConsensusRecord) {
    this.db.insert(t.consensus).values({ ...r, signings: canonical(r.signings) }).run();
  }
  async markConsensusUsed(id: string, entry: number) {
    this.db.update(t.consensus).set({ usedBy: entry }).where(eq(t.consensus.id, id)).run();
  }
  async kvPut(scope: string, key: string, value: Json, entry: number) {
    this.db
      .insert(t.stateKv)
      .values({ scope, key, value: canonical(value), entry })
      .onConflictDoUpdate({ target: [t.stateKv.scope, t.stateKv.key], set: { value: canonical(value), entry } })
      .run();
  }
  async kvInsert(scope: string, key: string, value: Json, entry: number) {
    const r = this.db.insert(t.stateKv).values({ scope, key, value: canonical(value), entry }).onConflictDoNothing().run();
    return r.changes === 1;
  }
}

/** SQLite storage: one writer connection, one read-only connection on the same WAL database. */
export class SqliteStorage implements BoardStorage {
  readonly reader: BoardReader;
  private readonly writerApi: SqliteWriter;
  private boardId = '';
  private writing = false;
  private closed = false;

  private constructor(
    private readonly writerClient: Database.Database,
    writerDb: BoardDatabase,
    private readonly readerClient: Database.Database,
    readerDb: BoardDatabase,
  ) {
    const id = () => this.boardId;
    this.writerApi = new SqliteWriter(writerDb, writerClient, id);
    this.reader = new SqliteReader(readerDb, id);
  }

  /** Opens (creating and migrating if needed) the database at `path`. */
  static open(path: string): SqliteStorage {
    const writer = openWriter(path);
    const reader = openReader(path);
    const storage = new SqliteStorage(writer.client, writer.db, reader.client, reader.db);
    storage.boardId = (writer.db.select().from(t.meta).where(eq(t.meta.key, 'board_id')).get()?.value as string | undefined) ?? '';
    return storage;
  }

  /**
   * A read-only view of a database (for `ostraka board check` on a live board or a backup):
   * no migration, no writer connection.
   */
  static openReadOnly(path: string): { reader: BoardReader; close(): void } {
    const { client, db } = openReader(path);
    let boardId = '';
    const reader = new SqliteReader(db, () => boardId);
    boardId = (db.select().from(t.meta).where(eq(t.meta.key, 'board_id')).get()?.value as string | undefined) ?? '';
    return { reader, close: () => client.close() };
  }

  /** The board id tree heads are read with (set once, when the board is created). */
  setBoardId(id: string): void {
    this.boardId = id;
  }

  async write<T>(fn: (tx: BoardWriter) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('storage is closed');
    // One transaction at a time: the commit queue serialises writes, this guards the invariant.
    if (this.writing) throw new Error('concurrent write transaction');
    this.writing = true;
    this.writerClient.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(this.writerApi);
      this.writerClient.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.writerClient.inTransaction) this.writerClient.exec('ROLLBACK');
      throw e;
    } finally {
      this.writing = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.readerClient.close();
    // A clean checkpoint leaves a single database file for backups and copies.
    try {
      this.writerClient.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.writerClient.close();
    }
  }
}

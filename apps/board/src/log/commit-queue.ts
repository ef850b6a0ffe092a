import { toHex, type SigningKey } from '@ostraka/crypto';
import type { Json } from '@ostraka/protocol';
import { entryLeafHash, signTreeHead, type JsonObject, type LogEntry, type TreeHead } from '@ostraka/protocol/log';
import { BoardError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BoardStorage, BoardWriter } from '../storage/board-storage.js';
import type { MerkleState } from './merkle-state.js';

/** What a stateful write step sees: the transaction, and the entry's place in the log. */
export interface ApplyContext {
  readonly tx: BoardWriter;
  readonly index: number;
  readonly received: number;
  /** The entry's leaf hash (known before apply: it depends only on the entry's own fields). */
  readonly leafHash: Uint8Array;
  setElection(id: string): void;
}

/** A write whose signature and stateless checks passed, waiting for its turn in a transaction. */
export interface PendingWrite {
  readonly type: string;
  readonly signer: string;
  /** Author public key, hex. */
  readonly author: string;
  readonly payload: JsonObject;
  /** `canonicalJson(payload)`, computed once per write. */
  readonly payloadText: string;
  readonly signature: string;
  readonly statementHash: Uint8Array;
  /** Stateful validation and projection writes; throws a BoardError to refuse; returns the resource id. */
  apply(ctx: ApplyContext): Promise<Json | void>;
}

export interface Receipt {
  readonly id: Json;
  readonly index: number;
  readonly leafHash: string;
  readonly treeHead: TreeHead;
}

interface Waiting {
  write: PendingWrite;
  resolve: (r: Receipt) => void;
  reject: (e: unknown) => void;
}

export interface CommitQueueOptions {
  storage: BoardStorage;
  state: MerkleState;
  key: SigningKey;
  boardId: string;
  logger: Logger;
  /** Most writes per transaction. */
  maxBatch: number;
  /**
   * How long a queued write may wait for others still being verified, so that they share a
   * transaction (one fsync, one signed head). Nothing waits when no other write is in flight.
   */
  commitDelayMs: number;
  /** Writes accepted by the HTTP layer and not yet queued (signature checks running). */
  inFlight: () => number;
  clock: () => number;
  lastTimestamp: number;
  onCommit?: (head: TreeHead, accepted: number, rejected: number, seconds: number) => void;
}

/**
 * Group commit. Writes that are ready while a transaction runs, or within `commitDelayMs` of
 * each other while other writes are still being verified, share one transaction (a write alone
 * is committed at once): each runs in its own savepoint (a refused write leaves no trace and does not disturb the
 * others), the Merkle tree grows by the accepted entries, the board signs one tree head for the
 * batch and stores it in the same transaction, and only after COMMIT (fsynced WAL) does any
 * request get its acknowledgement. A crash at any instant loses only unacknowledged writes.
 */
export class CommitQueue {
  private queue: Waiting[] = [];
  private running = false;
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private lastTimestamp: number;
  private latest: TreeHead | null = null;
  private idle: (() => void)[] = [];

  constructor(private readonly o: CommitQueueOptions) {
    this.lastTimestamp = o.lastTimestamp;
  }

  /** The latest committed signed head (also returned in every receipt). */
  setLatestHead(head: TreeHead): void {
    this.latest = head;
  }
  latestHead(): TreeHead {
    if (!this.latest) throw new Error('no tree head yet');
    return this.latest;
  }

  depth(): number {
    return this.queue.length;
  }

  enqueue(write: PendingWrite): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or committing (for shutdown). */
  drained(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Called when the number of writes in flight drops to zero: nobody else is coming soon. */
  nothingInFlight(): void {
    if (this.queue.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    const now = this.queue.length >= this.o.maxBatch || this.o.inFlight() === 0 || this.o.commitDelayMs === 0;
    if (!now) {
      // Group commit: give the writes being verified a moment to join this transaction.
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.startSoon();
      }, this.o.commitDelayMs);
      return;
    }
    this.startSoon();
  }

  private startSoon(): void {
    if (this.scheduled || this.running) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      const batch = this.queue.splice(0, this.o.maxBatch);
      if (batch.length > 0) await this.commit(batch);
    } finally {
      this.running = false;
    }
    // Writes queued while this transaction ran wait for their own batch.
    if (this.queue.length > 0) this.schedule();
    else for (const resolve of this.idle.splice(0)) resolve();
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const started = performance.now();
    const { state, storage } = this.o;
    const before = state.snapshot();
    const outcomes: ({ ok: true; id: Json; index: number; leafHash: string } | { ok: false; error: unknown })[] = [];
    // Time never goes backwards along the log, even if the system clock does.
    const received = Math.max(this.o.clock(), this.lastTimestamp);
    let head: TreeHead | null = null;
    try {
      head = await storage.write(async (tx) => {
        for (const { write } of batch) outcomes.push(await this.applyOne(tx, write, received));
        if (state.size === before.size) return null;
        const signed = signTreeHead(this.o.key, { board: this.o.boardId, size: state.size, timestamp: received, root: toHex(state.root()) });
        await tx.insertHead(signed);
        return signed;
      });
    } catch (error) {
      // The transaction rolled back: nothing of this batch exists, in the database or in memory.
      state.restore(before);
      this.o.logger.error('commit failed', { error: error instanceof Error ? error.message : String(error), batch: batch.length });
      const unavailable = new BoardError(503, 'UNAVAILABLE', 'the board could not store the write; retry later');
      for (const w of batch) w.reject(unavailable);
      return;
    }
    if (head) {
      this.latest = head;
      this.lastTimestamp = received;
    }
    let rejected = 0;
    batch.forEach((w, i) => {
      const o = outcomes[i];
      if (o.ok) w.resolve({ id: o.id, index: o.index, leafHash: o.leafHash, treeHead: head as TreeHead });
      else {
        rejected++;
        w.reject(o.error);
      }
    });
    if (head) this.o.onCommit?.(head, batch.length - rejected, rejected, (performance.now() - started) / 1000);
  }

  private async applyOne(tx: BoardWriter, write: PendingWrite, received: number) {
    const { state } = this.o;
    const index = state.size;
    try {
      return await tx.savepoint(async () => {
        // Checked again inside the transaction: two copies of one statement may share a batch.
        if (await tx.statementSeen(write.statementHash)) throw new BoardError(409, 'REPLAY', 'this signed statement is already on the board');
        const entry: LogEntry = {
          index,
          type: write.type,
          signer: write.signer,
          author: write.author,
          payload: write.payload,
          signature: write.signature,
          received,
        };
        const leafHash = entryLeafHash(entry, write.payloadText);
        let election: string | null = null;
        const id = await write.apply({ tx, index, received, leafHash, setElection: (e) => (election = e) });
        await tx.insertEntry({ ...entry, leafHash, statementHash: write.statementHash, election }, write.payloadText);
        const step = state.prepareAppend(leafHash);
        await tx.insertSubtrees(step.completed);
        // Last, once nothing in this savepoint can fail any more.
        state.adopt(step);
        return { ok: true as const, id: id ?? null, index, leafHash: toHex(leafHash) };
      });
    } catch (error) {
      if (!(error instanceof BoardError)) {
        this.o.logger.error('write failed unexpectedly', { type: write.type, error: error instanceof Error ? error.message : String(error) });
        return { ok: false as const, error: new BoardError(500, 'INTERNAL', 'the board failed to process this write') };
      }
      return { ok: false as const, error };
    }
  }
}

import type { Hono } from 'hono';
import { fromHex, type SigningKey } from '@ostraka/crypto';
import type { ConsistencyProof, InclusionProof, TreeHead } from '@ostraka/protocol/log';
import { openIdentity } from './board-setup.js';
import { cycleCreate, cycleUpdate } from './entry-types/cycle.js';
import type { BoardIdentity, EntryTypeDefinition, EntryTypeExtension } from './entry-types/entry-type.js';
import { messageInbox, messageOutbox } from './entry-types/message.js';
import { negotiationContribute, negotiationCreate } from './entry-types/negotiation.js';
import { peerCreate } from './entry-types/peer.js';
import { EntryTypeRegistry } from './entry-types/registry.js';
import { BoardError } from './errors.js';
import { createApp } from './http/app.js';
import { DEFAULT_LIMITS, type BoardLimits, type BoardServices } from './http/services.js';
import { CommitQueue, type Receipt } from './log/commit-queue.js';
import { MerkleState } from './log/merkle-state.js';
import { consistencyProof, inclusionProof } from './log/proofs.js';
import { inlineVerifier, type SignatureVerifier } from './log/signature-verifier.js';
import { silentLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import type { BoardReader, BoardStorage } from './storage/board-storage.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import { submitWrite } from './submit.js';

export interface BoardOptions {
  /** An open storage, or the path of the SQLite database (created and migrated if needed). */
  storage: BoardStorage | string;
  /** The board's signing key (tree heads, the genesis entry). */
  key: SigningKey;
  /** The authority's Ed25519 public key; required when the database is new. */
  authorityKey?: Uint8Array;
  /** Where signatures are checked (default: on the calling thread; the server uses a worker pool). */
  verifier?: SignatureVerifier;
  logger?: Logger;
  limits?: Partial<BoardLimits>;
  /** Milliseconds since the epoch (tests pass a fixed clock). */
  clock?: () => number;
  /** Extensions run once the board is open, before it serves (they register types and routes). */
  plugins?: readonly BoardPlugin[];
}

export type BoardPlugin = (board: Board) => void | Promise<void>;

/**
 * A bulletin board: the append-only log, its projections, and the HTTP application.
 * The extension points the election code uses:
 * - `registerEntryType(def)`: a new entry type, written with `POST /log/entries/:type`, whose
 *   hooks can read board state and refuse with a 4xx (docs/api.md §Extensions).
 * - `extendEntryType(type, hooks)`: more checks on an existing type (e.g. ballots in a ballot box's inbox).
 * - `app`: the Hono application, to mount more routes (`board.app.route('/elections', routes)`).
 * - `submit(type, body)`: the write path, for routes that accept writes under their own paths.
 * - `reader`: committed state, including `entriesByType({type, election})` for indexed queries.
 */
export interface Board {
  readonly identity: BoardIdentity;
  readonly app: Hono;
  readonly reader: BoardReader;
  readonly metrics: Metrics;
  readonly limits: BoardLimits;
  registerEntryType<P>(definition: EntryTypeDefinition<P>): void;
  extendEntryType<P>(type: string, extension: EntryTypeExtension<P>): void;
  /**
   * Another cap on the declared body length of requests under a path prefix (such as "/admin/"),
   * for routes that read large uploads themselves; the longest matching prefix wins.
   */
  setBodyLimit(pathPrefix: string, maxBytes: number): void;
  submit(type: string, body: unknown): Promise<Receipt>;
  /** The latest signed tree head. */
  head(): TreeHead;
  inclusionProof(index: number, size?: number): Promise<InclusionProof>;
  consistencyProof(first: number, second?: number): Promise<ConsistencyProof>;
  /** Stops accepting writes, commits what is queued, and closes the verifier and the storage. */
  close(): Promise<void>;
}

export async function createBoard(options: BoardOptions): Promise<Board> {
  const storage = typeof options.storage === 'string' ? SqliteStorage.open(options.storage) : options.storage;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const limits: BoardLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const verifier = options.verifier ?? inlineVerifier();

  // The board owns the storage and the verifier from here: both are closed if opening fails.
  let identity: BoardIdentity;
  let latest: TreeHead;
  let state: MerkleState;
  try {
    identity = (await openIdentity(storage, options.key, options.authorityKey, clock)).identity;
    if (storage instanceof SqliteStorage) storage.setBoardId(identity.id);
    const head = await storage.reader.latestHead();
    if (!head) throw new Error('database is damaged: no signed tree head');
    latest = head;
    state = await MerkleState.load(storage.reader, latest.size, fromHex(latest.root, 'root', 32));
  } catch (e) {
    await verifier.close();
    await storage.close();
    throw e;
  }

  let closing = false;
  // Writes between the HTTP layer and the commit queue (schema, signature and stateless checks).
  let inFlight = 0;
  let noneInFlight: (() => void) | null = null;
  const registry = new EntryTypeRegistry();
  for (const def of [peerCreate, cycleCreate, cycleUpdate, messageInbox, messageOutbox, negotiationCreate, negotiationContribute])
    registry.register(def as EntryTypeDefinition<unknown>, true);

  let metrics: Metrics;
  const queue: CommitQueue = new CommitQueue({
    storage,
    state,
    key: options.key,
    boardId: identity.id,
    logger,
    maxBatch: limits.maxBatch,
    commitDelayMs: limits.commitDelayMs,
    inFlight: () => inFlight,
    clock,
    lastTimestamp: latest.timestamp,
    onCommit: (head, accepted, rejected, seconds) => {
      metrics.commit(accepted, seconds);
      logger.debug('commit', { tree_size: head.size, accepted, rejected, ms: Math.round(seconds * 1e4) / 10 });
    },
  });
  queue.setLatestHead(latest);
  metrics = new Metrics(() => ({ treeSize: queue.latestHead().size, verifyPending: verifier.pending(), commitQueue: queue.depth() }));

  const submit = (type: string, body: unknown, match?: (payload: never) => void) => {
    if (closing) return Promise.reject(new BoardError(503, 'UNAVAILABLE', 'the board is shutting down'));
    const t = registry.get(type);
    if (!t) return Promise.reject(new BoardError(404, 'UNKNOWN_TYPE', `no entry type "${type}"`));
    inFlight++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      if (--inFlight === 0) {
        queue.nothingInFlight();
        noneInFlight?.();
      }
    };
    return submitWrite({ identity, reader: storage.reader, verifier, queue, metrics }, t, body, match, leave).finally(leave);
  };

  const bodyLimits = new Map<string, number>();
  const bodyLimitFor = (path: string) => {
    let cap = limits.maxBodyBytes;
    let longest = -1;
    for (const [prefix, bytes] of bodyLimits)
      if (path.startsWith(prefix) && prefix.length > longest) [cap, longest] = [bytes, prefix.length];
    return cap;
  };

  const services: BoardServices = {
    identity,
    bodyLimitFor,
    reader: storage.reader,
    registry,
    limits,
    logger,
    metrics,
    head: () => queue.latestHead(),
    submit,
    isClosing: () => closing,
  };
  const app = createApp(services);

  const board: Board = {
    identity,
    app,
    reader: storage.reader,
    metrics,
    limits,
    registerEntryType: (def) => registry.register(def),
    extendEntryType: (type, ext) => registry.extend(type, ext),
    setBodyLimit: (prefix, bytes) => void bodyLimits.set(prefix, bytes),
    submit: (type, body) => submit(type, body),
    head: () => queue.latestHead(),
    inclusionProof: (index, size) => {
      const committed = queue.latestHead().size;
      return inclusionProof(storage.reader, index, size ?? committed, committed);
    },
    consistencyProof: (first, second) => {
      const committed = queue.latestHead().size;
      return consistencyProof(storage.reader, first, second ?? committed, committed);
    },
    async close() {
      if (closing) return;
      closing = true;
      // Writes still being checked reach the queue (or fail) first; then the queue empties.
      if (inFlight > 0) await new Promise<void>((resolve) => (noneInFlight = resolve));
      await queue.drained();
      await verifier.close();
      await storage.close();
    },
  };
  for (const plugin of options.plugins ?? []) await plugin(board);
  return board;
}

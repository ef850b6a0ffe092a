import { canonicalJson, mixDataSchema, type Json } from '@ostraka/protocol';
import { BoardHttpError } from '@ostraka/board/client';
import type { ElectionView } from '../board/election-view.js';
import type { MixBoard, OutboxMessage } from '../board/mix-board.js';
import { MixFailure } from '../errors.js';
import { ProgressBar, type StatusLine } from '../progress.js';
import type { RoundState, SavedRound } from '../state/round-state.js';
import { ChunkedDocument } from './chunks.js';

/** Outbox messages read per request: a chunk is at most half a request body, so pages stay a few MiB. */
const OUTBOX_PAGE = 4;

/** Whether an outbox message is a chunk of round `round` of `election`. */
function ofRound(m: OutboxMessage, election: string, round: number): boolean {
  const data = mixDataSchema.safeParse(m.data);
  return data.success && data.data.election === election && data.data.round === round;
}

/** The cycle of this peer holding chunks of the round, with those chunks, or null if the board has none. */
export async function postedRound(board: MixBoard, state: RoundState, election: string, round: number): Promise<{ cycle: number; chunks: OutboxMessage[] } | null> {
  const intent = state.cycle();
  const cycles = (await board.cycles()).filter((c) => c.outbox_size > 0).sort((a, b) => (b.id === intent ? 1 : 0) - (a.id === intent ? 1 : 0) || b.id - a.id);
  for (const c of cycles) {
    // Each round goes to a cycle of its own, so its first message tells which round a cycle holds.
    const [first] = await board.outbox(c.id, undefined, 1);
    if (!first || !ofRound(first, election, round)) continue;
    const chunks: OutboxMessage[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await board.outbox(c.id, after, OUTBOX_PAGE);
      chunks.push(...page.filter((m) => ofRound(m, election, round)));
      if (page.length < OUTBOX_PAGE) break;
      after = page[page.length - 1].id;
    }
    return { cycle: c.id, chunks };
  }
  return null;
}

/**
 * Checks that what the board holds of the round is a prefix of what this mix server saved, chunk
 * for chunk; returns how many chunks of each document are there. Anything else means that this
 * state directory did not post them, and posting from it would put a second output on the board.
 */
function postedPrefix(chunks: readonly OutboxMessage[], docs: readonly ChunkedDocument[], round: number, cycle: number): number[] {
  const posted = docs.map(() => 0);
  for (const m of chunks) {
    const d = docs.findIndex((doc) => doc.doc === m.chunk?.doc);
    const differs = (why: string) =>
      new MixFailure(
        `the board already holds a different round ${round} (cycle ${cycle}, ${why}); this state directory did not post it, and posting from it would give the round two outputs`,
      );
    if (d < 0 || !m.chunk) throw differs(`an outbox message that is not a chunk of round-${round}-output or -proof`);
    const doc = docs[d];
    if (m.chunk.count !== doc.count || m.chunk.index !== posted[d]) throw differs(`chunk ${m.chunk.index}/${m.chunk.count} of ${doc.doc}`);
    if (canonicalJson(m.data as Json) !== canonicalJson(doc.chunk(posted[d]).data as unknown as Json)) throw differs(`chunk ${m.chunk.index} of ${doc.doc} has other bytes`);
    posted[d]++;
  }
  return posted;
}

/** A cycle for the round: the one recorded in the state directory if it is still unused, or a new one. */
async function freshCycle(board: MixBoard, state: RoundState): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const cycles = await board.cycles();
    const last = cycles.reduce((m, c) => Math.max(m, c.id), 0);
    const intent = state.cycle();
    const recorded = intent === null ? undefined : cycles.find((c) => c.id === intent);
    if (recorded && recorded.status !== 'PROCESSED' && recorded.outbox_size === 0) return recorded.id;
    // Record the id before creating the cycle: after a crash in between, the restart finds it.
    const next = intent !== null && !recorded && intent === last + 1 ? intent : last + 1;
    state.recordCycle(next);
    try {
      await board.createCycle(next);
      return next;
    } catch (e) {
      // Another writer with this key took the id first: choose again.
      if (!(e instanceof BoardHttpError && e.status === 409 && e.code === 'CONFLICT')) throw e;
    }
  }
  throw new MixFailure('could not create a cycle: its id keeps being taken (is another process using this key?)');
}

/**
 * Posts a saved round: finds what the board already holds of it (a restart), checks that it is
 * this saved round, takes or creates the cycle, closes it, posts the missing chunks of
 * `round-k-output` then `round-k-proof`, and marks the cycle PROCESSED. Returns the cycle.
 */
export async function publishRound(
  board: MixBoard,
  state: RoundState,
  election: ElectionView,
  saved: SavedRound,
  status: StatusLine,
  stream?: NodeJS.WriteStream,
): Promise<number> {
  const r = saved.record;
  const header = { election: r.election, consensusId: r.consensus_id, round: r.round, inputHash: r.input_hash };
  const docs = [new ChunkedDocument(header, 'output', saved.output, r.chunk_bytes.output), new ChunkedDocument(header, 'proof', saved.proof, r.chunk_bytes.proof)];
  const recipient = election.manifest.mixServers[r.round] ?? 'trustees';

  const found = await postedRound(board, state, r.election, r.round);
  const cycle = found ? found.cycle : await freshCycle(board, state);
  const posted = found ? postedPrefix(found.chunks, docs, r.round, cycle) : docs.map(() => 0);
  if (found) status.show(`resuming round ${r.round} in cycle ${cycle}: ${posted[0]}/${docs[0].count} output and ${posted[1]}/${docs[1].count} proof chunks are on the board`);

  const view = (await board.cycles()).find((c) => c.id === cycle);
  if (view?.status === 'OPEN') {
    try {
      await board.updateCycle(cycle, 'close');
    } catch (e) {
      if (e instanceof BoardHttpError && e.status === 409)
        throw new MixFailure(`the board refuses to close cycle ${cycle} (${e.message}); a mix server's peer must be registered with size_min 0`);
      throw e;
    }
  }

  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d];
    if (posted[d] === doc.count) continue;
    const bar = new ProgressBar(`posting ${doc.doc}`, doc.count, stream);
    bar.update(posted[d]);
    for (let i = posted[d]; i < doc.count; i++) {
      await board.postChunk(cycle, recipient, doc.chunk(i));
      bar.update(i + 1);
    }
    bar.finish();
  }
  await board.updateCycle(cycle, 'process');
  return cycle;
}

import type { SigningKey } from '@ostraka/crypto';
import { groupByName, ciphertextLength, toHex } from '@ostraka/crypto';
import { createShufflePool } from '@ostraka/shuffle/pool';
import { fixedInputHash, type ElectionView } from './board/election-view.js';
import { MixBoard } from './board/mix-board.js';
import { describeFailure } from './board/retry.js';
import { MixFailure, UsageError } from './errors.js';
import { chunkSizes } from './mixing/chunks.js';
import { postedRound, publishRound } from './mixing/publish.js';
import { roundStatement } from './mixing/statement.js';
import { verifiedInput } from './mixing/verify-rounds.js';
import { waitForBoard, waitForElection, waitForTurn } from './mixing/wait.js';
import { PhasedProgress, StatusLine } from './progress.js';
import { RoundState, type SavedRound } from './state/round-state.js';

export interface MixServerOptions {
  readonly board: string;
  readonly election: string;
  readonly key: SigningKey;
  readonly workers: number;
  readonly stateDir: string;
  readonly pollMs: number;
  /** How long a request keeps being retried while the board is unreachable or busy (default 2 minutes). */
  readonly patienceMs?: number;
  /** Where the status line and progress go (default: stderr). */
  readonly stream?: NodeJS.WriteStream;
}

export interface MixResult {
  readonly election: string;
  readonly round: number;
  readonly peer: string;
  /** `posted`: this run completed the round; `complete`: it was on the board already. */
  readonly outcome: 'posted' | 'complete';
  readonly output_hash: string;
  readonly count: number;
  readonly cycle: number;
}

/**
 * One mix server's whole job for one election (docs/election.md §6): wait for its turn, check
 * every earlier round, shuffle and prove in the worker pool, save output and proof, then post
 * them, resuming from the state directory after a crash. Throws a MixerError with its exit code.
 */
export async function runMixServer(options: MixServerOptions): Promise<MixResult> {
  const stream = options.stream ?? process.stderr;
  const status = new StatusLine(stream);
  const say = (text: string) => {
    status.done();
    stream.write(`${text}\n`);
  };
  const board = new MixBoard(options.board, options.key, {
    patienceMs: options.patienceMs ?? 120_000,
    onRetry: (e, n) => status.show(`${describeFailure(e)} (attempt ${n}); retrying …`),
  });
  const info = await waitForBoard(board, options.pollMs, status);
  const first = await waitForElection(board, options.election, options.pollMs, status);
  const round = first.manifest.mixServers.indexOf(board.peerId) + 1;
  if (round === 0) throw new UsageError(`this key (peer ${board.peerId}) is not a mix server of election "${first.id}"; its mix servers are ${first.manifest.mixServers.join(', ')}`);
  if (first.manifest.board !== info.board_id) throw new MixFailure(`election "${first.id}" names board ${first.manifest.board}, not this board (${info.board_id})`);

  const state = new RoundState(options.stateDir, info.board_id, first.id, round);
  state.open();
  try {
    say(`mix server ${board.peerId}: round ${round} of ${first.manifest.mixServers.length} of election "${first.id}" (state in ${state.dir})`);
    const turn = await waitForTurn(board, first.id, round, options.pollMs, status);
    status.done();
    let loaded = state.load();
    if (turn.kind === 'complete') return await completed(board, state, turn.election, round, loaded.status === 'saved' ? loaded.round : null, say);

    const election = turn.election;
    const input = fixedInputHash(election, round) as { hash: string; count: number };
    if (loaded.status === 'damaged') {
      // A damaged save is usable only if nothing of it reached the board; otherwise stop and say so.
      if (await postedRound(board, state, election.id, round))
        throw new MixFailure(`the saved round in ${state.dir} is damaged (${loaded.reason}) and the board already holds part of it: restore the state directory`);
      say(`the saved round is damaged (${loaded.reason}) and nothing of it was posted: mixing again`);
      state.discard();
      loaded = { status: 'none' };
    }
    let saved: SavedRound;
    if (loaded.status === 'saved') {
      saved = loaded.round;
      const r = saved.record;
      // The directory is per board, election and round; what else the save names must match the log too.
      const mismatch =
        r.input_hash !== input.hash
          ? `was mixed from list ${r.input_hash}, but the log fixes ${input.hash} as round ${round}'s input`
          : r.peer !== board.peerId
            ? `was made by peer ${r.peer}, not by this key (${board.peerId})`
            : r.consensus_id !== election.consensus_id
              ? `names consensus ${r.consensus_id}, not the election's ${election.consensus_id}`
              : r.width !== election.width || r.group !== election.manifest.group
                ? `has group ${r.group} and width ${r.width}, not the election's`
                : null;
      if (mismatch) throw new MixFailure(`the round saved in ${state.dir} ${mismatch}; move that directory away to mix again`);
      say(`resuming: output and proof of round ${round} were saved before (${r.count} ciphertexts, list hash ${r.output_hash})`);
    } else {
      if (await postedRound(board, state, election.id, round))
        throw new MixFailure(`the board already holds part of round ${round} from this key, but ${state.dir} has no saved round: was the state directory lost or another one used?`);
      saved = await mix(board, state, election, round, options, info.limits.max_body_bytes, say, stream);
    }
    const cycle = await publishRound(board, state, election, saved, status, stream);
    status.done();
    const after = await board.election(election.id);
    const done = after?.rounds[round - 1];
    if (!done) throw new MixFailure(`every chunk of round ${round} is posted, yet the board does not list the round as complete`);
    if (done.output_hash !== saved.record.output_hash) throw new MixFailure(`the board fixed round ${round}'s output as ${done.output_hash}, not the saved ${saved.record.output_hash}`);
    say(`round ${round} is on the board: ${saved.record.count} ciphertexts, list hash ${done.output_hash}, cycle ${cycle}`);
    return { election: election.id, round, peer: board.peerId, outcome: 'posted', output_hash: done.output_hash, count: done.count, cycle };
  } finally {
    status.done();
    state.close();
  }
}

/** Checks every earlier round, shuffles and proves in the pool, and saves the result before anything is posted. */
async function mix(
  board: MixBoard,
  state: RoundState,
  election: ElectionView,
  round: number,
  options: MixServerOptions,
  maxBodyBytes: number,
  say: (text: string) => void,
  stream: NodeJS.WriteStream,
): Promise<SavedRound> {
  const group = groupByName(election.manifest.group);
  const sizes = chunkSizes(maxBodyBytes, ciphertextLength(group, election.width));
  const pool = createShufflePool({ workers: options.workers });
  try {
    if (round > 1) say(`checking rounds 1 to ${round - 1} with ${options.workers} worker${options.workers === 1 ? '' : 's'}`);
    const input = await verifiedInput(board, pool, election, round, stream);
    say(`input: ${input.count} ciphertexts of width ${input.width}, list hash ${toHex(input.hash)}`);
    const progress = new PhasedProgress(`round ${round}`, stream);
    const { outputs, proof } = await pool.shuffleAndProve(roundStatement(election, round), input.packed, { onProgress: progress.onProgress });
    progress.finish();
    const saved = state.save(
      {
        board: election.manifest.board,
        election: election.id,
        round,
        peer: board.peerId,
        group: group.name,
        width: election.width,
        count: input.count,
        consensus_id: election.consensus_id as string,
        input_hash: toHex(input.hash),
        chunk_bytes: sizes,
      },
      outputs,
      proof,
    );
    say(`saved output and proof in ${state.dir}`);
    return saved;
  } finally {
    await pool.close();
  }
}

/** The round is on the board already: make sure its cycle is PROCESSED and report it. */
async function completed(board: MixBoard, state: RoundState, election: ElectionView, round: number, saved: SavedRound | null, say: (text: string) => void): Promise<MixResult> {
  const done = election.rounds[round - 1];
  const cycle = (await board.cycles()).find((c) => c.id === done.cycle);
  if (cycle?.status === 'CLOSED') await board.updateCycle(done.cycle, 'process');
  if (saved && saved.record.output_hash !== done.output_hash)
    say(`warning: the saved round in ${state.dir} (list hash ${saved.record.output_hash}) is not the one on the board (${done.output_hash})`);
  say(`round ${round} is already on the board: ${done.count} ciphertexts, list hash ${done.output_hash}, cycle ${done.cycle}`);
  return { election: election.id, round, peer: board.peerId, outcome: 'complete', output_hash: done.output_hash, count: done.count, cycle: done.cycle };
}

import type { ElectionView } from '../board/election-view.js';
import type { MixBoard } from '../board/mix-board.js';
import type { BoardInfo } from '@ostraka/board/client';
import { describeFailure, isTransient } from '../board/retry.js';
import type { StatusLine } from '../progress.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const BEFORE_MIXING = new Set(['draft', 'key-ceremony', 'ready', 'voting-open', 'voting-closed']);

/**
 * Polls the election until `ready` says what to do with it, showing `waiting(election)` (or why
 * the board could not answer) on the status line. The board being unreachable is waited out:
 * a mix server started before the board, or across a board restart, simply keeps waiting.
 */
async function poll<T>(board: MixBoard, id: string, pollMs: number, status: StatusLine, ready: (e: ElectionView | null) => T | null, waiting: (e: ElectionView | null) => string): Promise<T> {
  for (;;) {
    try {
      const election = await board.election(id);
      const outcome = ready(election);
      if (outcome !== null) return outcome;
      status.show(waiting(election));
    } catch (e) {
      if (!isTransient(e)) throw e;
      status.show(`${describeFailure(e)}; retrying every ${pollMs} ms …`);
    }
    await sleep(pollMs);
  }
}

/** Waits until the board answers `GET /board` (a mix server may be started before the board). */
export async function waitForBoard(board: MixBoard, pollMs: number, status: StatusLine): Promise<BoardInfo> {
  for (;;) {
    try {
      return await board.info();
    } catch (e) {
      if (!isTransient(e)) throw e;
      status.show(`${describeFailure(e)}; retrying every ${pollMs} ms …`);
    }
    await sleep(pollMs);
  }
}

/** Waits until the board has the election (a mix server may start before the draft is posted). */
export function waitForElection(board: MixBoard, id: string, pollMs: number, status: StatusLine): Promise<ElectionView> {
  return poll(board, id, pollMs, status, (e) => e, () => `waiting for election "${id}" to appear on the board …`);
}

export type Turn = { kind: 'mix'; election: ElectionView } | { kind: 'complete'; election: ElectionView };

/** Waits until it is round `round`'s turn (the election is `mixing`, rounds 1 … k − 1 complete) or the round is complete. */
export function waitForTurn(board: MixBoard, id: string, round: number, pollMs: number, status: StatusLine): Promise<Turn> {
  return poll<Turn>(
    board,
    id,
    pollMs,
    status,
    (e) => {
      if (!e) return null;
      if (e.rounds.length >= round) return { kind: 'complete', election: e };
      if (e.state === 'mixing' && e.rounds.length === round - 1) return { kind: 'mix', election: e };
      return null;
    },
    (e) => {
      if (!e) return `election "${id}" is no longer on the board?`;
      if (BEFORE_MIXING.has(e.state)) return `waiting for mixing to start (election "${id}" is ${e.state}) …`;
      if (e.state === 'mixing') {
        const current = e.rounds.length + 1;
        const by = `mix server ${e.manifest.mixServers[current - 1]}`;
        return current === round - 1
          ? `waiting for round ${current} (${by}) …`
          : `waiting for round ${round - 1}; round ${current} of ${e.manifest.mixServers.length} (${by}) is being mixed …`;
      }
      return `election "${id}" is ${e.state}, yet round ${round} is not complete …`;
    },
  );
}

import { generateSigningKey, type RandomSource, type SigningKey } from '@ostraka/crypto';
import type { Answer } from '@ostraka/protocol';
import type { Receipt } from '@ostraka/client';
import { ElectionFixture } from '@ostraka/election/testing';
import { servedBoard, type ServedBoard } from '../../../apps/board/test/support/fixtures.js';
import { answers } from './ballots.js';

export interface ElectionOptions {
  readonly id: string;
  readonly voters: number;
  readonly mixServers?: number;
  readonly trustees?: { threshold: number; count: number };
  readonly group?: 'ristretto255' | 'p256';
  readonly rng?: RandomSource;
  readonly cheatingDealer?: { dealer: number; to: number };
}

export interface VotedElection {
  readonly fx: ElectionFixture;
  /** The answers of the ballot that counts, per voter code. */
  readonly cast: Map<string, Answer[]>;
  readonly receipts: Map<string, Receipt>;
}

/** A board to run an election on: its URL and its authority key (which registers peers). */
export interface BoardAccess {
  readonly url: string;
  readonly authority: SigningKey;
}

/** A fixture on `board` taken to voting-open (the key ceremony with in-process trustees done). */
export async function openElection(board: BoardAccess, o: ElectionOptions): Promise<ElectionFixture> {
  const fx = new ElectionFixture({
    boardUrl: board.url,
    boardAuthority: board.authority,
    election: o.id,
    group: o.group,
    mixServers: Array.from({ length: o.mixServers ?? 1 }, () => generateSigningKey()),
    trustees: o.trustees ?? { threshold: 2, count: 3 },
    rng: o.rng,
    cheatingDealer: o.cheatingDealer,
  });
  await fx.prepare(o.voters);
  return fx;
}

/** Opens an election and casts one ballot per voter (8 at a time: the board commits them together). */
export async function votedElection(board: BoardAccess, o: ElectionOptions): Promise<VotedElection> {
  const fx = await openElection(board, o);
  const cast = new Map<string, Answer[]>();
  const receipts = new Map<string, Receipt>();
  const codes = [...fx.credentials.keys()];
  for (let i = 0; i < codes.length; i += 8)
    await Promise.all(
      codes.slice(i, i + 8).map(async (code, k) => {
        receipts.set(code, await fx.vote(code, answers(i + k)));
        cast.set(code, answers(i + k));
      }),
    );
  return { fx, cast, receipts };
}

export { servedBoard, type ServedBoard };

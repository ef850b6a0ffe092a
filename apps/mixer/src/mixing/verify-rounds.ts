import { fromHex } from '@ostraka/crypto';
import type { PackedCiphertextList } from '@ostraka/protocol';
import type { ShufflePool } from '@ostraka/shuffle/pool';
import { fixedInputHash, type ElectionView } from '../board/election-view.js';
import type { MixBoard } from '../board/mix-board.js';
import { EarlierRoundInvalid, MixFailure } from '../errors.js';
import { PhasedProgress } from '../progress.js';
import { checkRoundList } from './round-lists.js';
import { roundStatement } from './statement.js';

/**
 * Downloads the ballot box and every earlier round's output and proof, checks each list against
 * the hash the log fixes, and verifies each proof in the pool (the generators and challenges are
 * derived here, from the statement, never taken from the board). Returns the input of `round`,
 * checked the same way. Any earlier round that fails is an EarlierRoundInvalid naming it.
 */
export async function verifiedInput(board: MixBoard, pool: ShufflePool, election: ElectionView, round: number, stream?: NodeJS.WriteStream): Promise<PackedCiphertextList> {
  const ballotBox = fixedInputHash(election, 1);
  if (!ballotBox) throw new MixFailure(`election "${election.id}" has no fixed ballot box yet`);
  const first = checkRoundList(election, await board.roundList(election.id, 1, 'input'), ballotBox);
  if (!first.ok) throw new MixFailure(`the ballot box the board serves is not the one the log fixes: ${first.reason}`);
  let input = first.list;
  for (let r = 1; r < round; r++) {
    const fixed = fixedInputHash(election, r + 1) as { hash: string; count: number };
    const output = checkRoundList(election, await board.roundList(election.id, r, 'output'), fixed);
    if (!output.ok) throw new EarlierRoundInvalid(r, `its output is not the list the log fixes (${output.reason})`);
    const proof = fromHex(await board.roundProof(election.id, r), 'proof');
    const progress = new PhasedProgress(`checking round ${r}`, stream);
    const verdict = await pool.verify(roundStatement(election, r), input.packed, output.list.packed, proof, { onProgress: progress.onProgress });
    progress.finish();
    if (!verdict.ok) throw new EarlierRoundInvalid(r, `its shuffle proof is invalid (${verdict.reason})`);
    input = output.list;
  }
  return input;
}

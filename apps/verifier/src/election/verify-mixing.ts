/**
 * Phase "shuffle" (docs/transcript.md §10.11 step 4): every mix round's proof for the statement
 * the log fixes: group and joint key of the election, its width, round k, input = the ballot box
 * for round 1 and round k−1's output after that (never a list taken from the round's own data).
 */
import type { VerifierPool } from '../pool.js';
import type { Findings, Place } from '../report/findings.js';
import type { Progress } from '../report/progress.js';
import { verifyShuffles, type ShuffleRound } from '../shuffle/verify-shuffle.js';
import { ballotBox } from './ballots.js';
import type { ElectionRecord } from './record.js';

export async function verifyMixing(r: ElectionRecord, places: (index: number) => Place, pool: VerifierPool, findings: Findings, progress: Progress): Promise<number> {
  if (r.rounds.length === 0) return 0;
  if (!r.jointKey) {
    findings.fail('shuffle.proof', 'the mix rounds cannot be checked: the election has no joint key');
    return 0;
  }
  const publicKey = Buffer.from(r.jointKey, 'hex');
  let input = ballotBox(r).packed;
  const rounds: ShuffleRound[] = r.rounds.map((round) => {
    const statement = { group: r.group, publicKey, width: r.width, election: r.id, round: round.round };
    const shuffle = { statement, inputs: input, outputs: round.output, proof: round.proof };
    input = round.output;
    return shuffle;
  });
  const total = r.rounds.reduce((t, x) => t + x.count, 0);
  const bar = progress.start(`shuffle proofs (${r.rounds.length} rounds)`, total);
  const verdicts = await verifyShuffles(rounds, pool, (done) => bar.update(done));
  bar.done();
  r.rounds.forEach((round, k) => {
    const v = verdicts[k];
    const last = round.entries[round.entries.length - 1];
    findings.expect('shuffle.proof', v.ok, `round ${round.round} (mix server ${round.peer}, cycle ${round.cycle}): ${v.ok ? '' : v.reason}`, places(last));
  });
  return total;
}

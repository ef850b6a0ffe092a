/**
 * Phase "shuffle" (docs/transcript.md §10.11 step 4): every mix round's proof for the statement
 * the log fixes: group and joint key of the election, its width, round k, input = the ballot box
 * for round 1 and round k−1's output after that (never a list taken from the round's own data).
 */
import type { VerifierPool } from '../pool.js';
import type { Findings, Place } from '../report/findings.js';
import type { Progress } from '../report/progress.js';
import { verifyShuffle } from '../shuffle/verify-shuffle.js';
import { ballotBox } from './ballots.js';
import type { ElectionRecord } from './record.js';

export async function verifyMixing(r: ElectionRecord, places: (index: number) => Place, pool: VerifierPool, findings: Findings, progress: Progress): Promise<number> {
  if (r.rounds.length === 0) return 0;
  if (!r.jointKey) {
    findings.fail('shuffle.proof', 'the mix rounds cannot be checked: the election has no joint key');
    return 0;
  }
  let input = ballotBox(r).packed;
  let ciphertexts = 0;
  for (const round of r.rounds) {
    const bar = progress.start(`shuffle proof, round ${round.round}`, round.count);
    const verdict = await verifyShuffle(
      { group: r.group, publicKey: Buffer.from(r.jointKey, 'hex'), width: r.width, election: r.id, round: round.round },
      input, round.output, round.proof, pool, (done) => bar.update(done),
    );
    bar.done();
    const last = round.entries[round.entries.length - 1];
    findings.expect('shuffle.proof', verdict.ok, `round ${round.round} (mix server ${round.peer}, cycle ${round.cycle}): ${verdict.ok ? '' : verdict.reason}`, places(last));
    ciphertexts += round.count;
    input = round.output;
  }
  return ciphertexts;
}

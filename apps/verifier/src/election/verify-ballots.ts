/**
 * Phase "ballots": every ballot of the election (replaced ones too: each was an entry the board
 * accepted) decodes strictly and carries a valid proof of knowledge of its randomness, in the pool.
 */
import type { VerifierPool } from '../pool.js';
import { equation } from '../report/equation.js';
import type { Findings, Place } from '../report/findings.js';
import type { Progress } from '../report/progress.js';
import type { ElectionRecord } from './record.js';

const BATCH = 64;

export async function verifyBallots(r: ElectionRecord, places: (index: number) => Place, pool: VerifierPool, findings: Findings, progress: Progress): Promise<void> {
  if (r.ballots.length === 0) return;
  if (!r.jointKey || !r.jointKeyPoint) {
    findings.fail('ballot.proof', `${r.ballots.length} ballots cannot be checked: the election has no valid joint key`);
    return;
  }
  const bar = progress.start('ballot proofs', r.ballots.length);
  const results = await pool.map('checkBallotProofs', r.ballots, BATCH, (slice) => ({
    group: r.group.name, election: r.id, jointKey: r.jointKey!, width: r.width,
    credentials: slice.map((b) => b.credentialKey),
    ciphertexts: slice.map((b) => b.ciphertext),
    proofs: slice.map((b) => b.proof),
  }), (done) => bar.update(done));
  bar.done();
  results.flat().forEach((reason, k) => {
    const b = r.ballots[k];
    if (reason?.startsWith('decode:')) findings.expect('election.ballot', false, `message.inbox: the ballot's ${reason.slice(8)}`, places(b.entry));
    else findings.expect('ballot.proof', equation('ballot.proof', reason === null), `message.inbox: the ballot's ${reason?.slice(7)}`, places(b.entry));
  });
}

import { availableParallelism } from 'node:os';
import { fromHex } from '@ostraka/crypto';
import type { CiphertextListFile } from '@ostraka/protocol';
import { createShufflePool } from '@ostraka/shuffle/pool';
import type { ElectionAuthority } from './election-authority.js';

/** A mix round whose shuffle proof does not verify: the trustees must not decrypt its output. */
export class MixRoundInvalidError extends Error {
  override readonly name = 'MixRoundInvalidError';
  constructor(
    readonly round: number,
    readonly reason: string,
  ) {
    super(`mix round ${round}'s shuffle proof does not verify (${reason}): its output must not be decrypted`);
  }
}

export interface MixCheckProgress {
  /** `check round k`. */
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

/**
 * Verifies every mix round's shuffle proof (docs/crypto.md §9.5) for the statement the election
 * fixes, its input being the ballot box for round 1 and the previous output after that, each list
 * the one whose hash the log fixes, in a worker pool. Each mix server checks the rounds before its
 * own, but no one checks the last round before the trustees decrypt: decrypting a list that is not
 * a shuffle of the ballot box (a targeted ballot copied, say) could reveal votes. Returns the last
 * round's output, the list to decrypt; throws MixRoundInvalidError naming the round.
 */
export async function checkMixRounds(authority: ElectionAuthority, options: { workers?: number; onProgress?: (p: MixCheckProgress) => void } = {}): Promise<CiphertextListFile> {
  const status = await authority.status();
  if (status.joint_key === null || status.input === null || status.rounds.length === 0) throw new Error(`election "${authority.election}" has no mix round to check`);
  const publicKey = fromHex(status.joint_key);
  const path = `/elections/${authority.election}/rounds`;
  const pool = createShufflePool({ workers: Math.max(1, options.workers ?? availableParallelism()) });
  try {
    let input = await authority.client.request<CiphertextListFile>('GET', `${path}/1/input`);
    if (input.hash !== status.input.hash) throw new Error('the ballot box the board serves is not the one the log fixes');
    for (let round = 1; round <= status.rounds.length; round++) {
      const output = await authority.client.request<CiphertextListFile>('GET', `${path}/${round}/output`);
      if (output.hash !== status.rounds[round - 1].output_hash) throw new MixRoundInvalidError(round, 'the output the board serves is not the list the log fixes');
      const { proof } = await authority.client.request<{ proof: string }>('GET', `${path}/${round}/proof`);
      const statement = { group: status.manifest.group, publicKey, width: input.width, election: authority.election, round };
      const step = `check round ${round}`;
      options.onProgress?.({ step, done: 0, total: input.count });
      const verdict = await pool.verify(statement, fromHex(input.ciphertexts), fromHex(output.ciphertexts), fromHex(proof), {
        onProgress: (p) => options.onProgress?.({ step, done: Math.round((p.done / Math.max(p.total, 1)) * input.count), total: input.count }),
      });
      if (!verdict.ok) throw new MixRoundInvalidError(round, verdict.reason);
      input = output;
    }
    return input;
  } finally {
    await pool.close();
  }
}

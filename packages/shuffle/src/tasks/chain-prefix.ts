import { prfScalar } from '../prf.js';
import { ChallengeVector } from '../transcript.js';
import { taskContext } from './context.js';
import type { ChainPrefixResult, ChainPrefixTask } from './types.js';

/**
 * The chain's exponents follow R_i = r̂_i + u'_i·R_{i-1} and U_i = u'_i·U_{i-1} (so that
 * ĉ_i = g^{R_i}·h^{U_i}). Over a range this composes to R_hi-1 = alpha + beta·R_lo-1 and
 * U_hi-1 = beta·U_lo-1, so the main thread chains the ranges with two multiplications each and
 * every range then runs in parallel. The same pass sums the range's shares of the response
 * exponents r̄ = Σ r_j, r̃ = Σ r_j·u_j and r'_k = Σ r'_i,k·u'_i.
 */
export function runChainPrefix(task: ChainPrefixTask): ChainPrefixResult {
  const { group: G, resolved } = taskContext(task);
  const S = G.scalars;
  const w = resolved.width;
  const u = new ChallengeVector(task.uSeed);
  let alpha = 0n;
  let beta = 1n;
  let rSum = 0n;
  let ruSum = 0n;
  const reencryptionSums: bigint[] = new Array(w).fill(0n);
  for (let i = task.lo; i < task.hi; i++) {
    const uPrime = u.at(task.psi[i] + 1);
    alpha = S.add(prfScalar(G, task.proofKey, 'chain', i), S.multiply(uPrime, alpha));
    beta = S.multiply(uPrime, beta);
    for (let k = 0; k < w; k++)
      reencryptionSums[k] = S.add(reencryptionSums[k], S.multiply(prfScalar(G, task.shuffleKey, 'reencrypt', i * w + k), uPrime));
    // Input j = i of the range: its commitment randomness.
    const r = prfScalar(G, task.proofKey, 'commit', i);
    rSum = S.add(rSum, r);
    ruSum = S.add(ruSum, S.multiply(r, u.at(i + 1)));
  }
  return { alpha, beta, rSum, ruSum, reencryptionSums };
}

import { deriveGenerators } from '@ostraka/crypto';
import { prfScalar } from '../prf.js';
import { proofLayout } from '../proof-layout.js';
import { taskContext } from './context.js';
import { encodePartials } from './partials.js';
import type { CommitResult, CommitTask } from './types.js';

/**
 * The permutation commitment c_j = g^{r_j}·h_{ψ^{-1}(j)} for inputs j in [lo, hi) (spec indices
 * j+1 and ψ^{-1}(j)+1), and the range's shares of
 *   t_3 = g^{ω_3} · Π_i h_i^{ω'_i}                       (the terms of i = ψ^{-1}(j), j in range)
 *   t_4,k = (g^{-ω_4,k} · Π_i a'_i,k^{ω'_i}, pk^{-ω_4,k} · Π_i b'_i,k^{ω'_i})   (outputs i in range).
 * r_j and ω'_i are secret: constant-time fixed-base multiplication and MSM.
 */
export function runCommit(task: CommitTask): CommitResult {
  const { group: G, resolved, seed, g } = taskContext(task);
  const w = resolved.width;
  const L = G.elementLength;
  const C = resolved.ciphertextLength;
  const count = task.hi - task.lo;

  const commitments: unknown[] = new Array(count);
  const generators: unknown[] = new Array(count);
  const generatorWeights: bigint[] = new Array(count);
  for (let j = task.lo; j < task.hi; j++) {
    const i = task.psiInverse[j];
    const [h] = deriveGenerators(G, seed, i + 1, 1);
    commitments[j - task.lo] = G.add(g.multiply(prfScalar(G, task.proofKey, 'commit', j)), h);
    generators[j - task.lo] = h;
    generatorWeights[j - task.lo] = prfScalar(G, task.proofKey, 'omega-prime', i);
  }
  const layout = proofLayout(G, w, task.n);
  task.proof.set(G.encodeMany(commitments), layout.commitments + task.lo * L);

  const outputs = G.decodeMany(task.outputs, count * 2 * w, 'outputs', task.lo * C);
  const outputWeights: bigint[] = new Array(count);
  for (let i = task.lo; i < task.hi; i++) outputWeights[i - task.lo] = prfScalar(G, task.proofKey, 'omega-prime', i);
  const partials = [G.msm(generators, generatorWeights)];
  for (let k = 0; k < 2 * w; k++) {
    const column = new Array(count);
    for (let i = 0; i < count; i++) column[i] = outputs[i * 2 * w + k];
    partials.push(G.msm(column, outputWeights));
  }
  return { partials: encodePartials(G, partials) };
}

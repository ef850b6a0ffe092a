import { prfScalar } from '../prf.js';
import { proofLayout } from '../proof-layout.js';
import { ChallengeVector } from '../transcript.js';
import { taskContext } from './context.js';
import type { ResponsesTask } from './types.js';

/** ŝ_i = ω̂_i + c·r̂_i and s'_i = ω'_i + c·u'_i for i in [lo, hi). */
export function runResponses(task: ResponsesTask): void {
  const { group: G, resolved } = taskContext(task);
  const S = G.scalars;
  const n = G.scalarLength;
  const u = new ChallengeVector(task.uSeed);
  const layout = proofLayout(G, resolved.width, task.n);
  const c = task.challenge;
  for (let i = task.lo; i < task.hi; i++) {
    const sHat = S.add(prfScalar(G, task.proofKey, 'omega-hat', i), S.multiply(c, prfScalar(G, task.proofKey, 'chain', i)));
    const sPrime = S.add(prfScalar(G, task.proofKey, 'omega-prime', i), S.multiply(c, u.at(task.psi[i] + 1)));
    task.proof.set(S.encode(sHat), layout.sHat + i * n);
    task.proof.set(S.encode(sPrime), layout.sPrime + i * n);
  }
}

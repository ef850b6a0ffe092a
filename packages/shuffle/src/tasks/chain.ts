import { prfScalar } from '../prf.js';
import { proofLayout } from '../proof-layout.js';
import { ChallengeVector } from '../transcript.js';
import { taskContext } from './context.js';
import type { ChainTask } from './types.js';

/**
 * For i in [lo, hi), with the prefix exponents of the range start:
 *   ĉ_i = g^{R_i}·h^{U_i}                                 (the commitment chain)
 *   t̂_i = g^{ω̂_i}·ĉ_{i-1}^{ω'_i} = g^{ω̂_i + ω'_i·R_{i-1}}·h^{ω'_i·U_{i-1}}
 * Every exponentiation is fixed-base and constant-time (the exponents are secret). Both lists
 * are computed halved (exponents times 1/2) and encoded doubled, which on ristretto255 replaces
 * an inverse square root per element by a share of one batched inversion.
 */
export function runChain(task: ChainTask): void {
  const { group: G, resolved, g, h, half } = taskContext(task);
  const S = G.scalars;
  const L = G.elementLength;
  const u = new ChallengeVector(task.uSeed);
  const count = task.hi - task.lo;
  const chainHalves: unknown[] = new Array(count);
  const tHatHalves: unknown[] = new Array(count);
  let R = task.rStart;
  let U = task.uStart;
  for (let i = task.lo; i < task.hi; i++) {
    const uPrime = u.at(task.psi[i] + 1);
    const omegaHat = prfScalar(G, task.proofKey, 'omega-hat', i);
    const omegaPrime = prfScalar(G, task.proofKey, 'omega-prime', i);
    const tg = S.add(omegaHat, S.multiply(omegaPrime, R));
    const th = S.multiply(omegaPrime, U);
    tHatHalves[i - task.lo] = G.add(g.multiply(S.multiply(tg, half)), h.multiply(S.multiply(th, half)));
    R = S.add(prfScalar(G, task.proofKey, 'chain', i), S.multiply(uPrime, R));
    U = S.multiply(uPrime, U);
    chainHalves[i - task.lo] = G.add(g.multiply(S.multiply(R, half)), h.multiply(S.multiply(U, half)));
  }
  const layout = proofLayout(G, resolved.width, task.n);
  task.proof.set(G.encodeManyDoubled(chainHalves), layout.chain + task.lo * L);
  task.tHat.set(G.encodeManyDoubled(tHatHalves), task.lo * L);
}

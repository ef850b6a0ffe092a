import { deriveGenerators } from '@ostraka/crypto';
import { proofLayout } from '../proof-layout.js';
import { ChallengeVector, U_BITS } from '../transcript.js';
import { taskContext } from './context.js';
import { decodeCiphertexts, decodeElements, decodeScalars } from './decode-range.js';
import { encodePartials } from './partials.js';
import type { VerifyResult, VerifyTask } from './types.js';

/**
 * The verifier's pass over [lo, hi) (docs/crypto.md §9.5): strict decoding of the range's
 * inputs, outputs, commitments, chain and responses; t̂_i = ĉ_i^{-c}·g^{ŝ_i}·ĉ_{i-1}^{s'_i}
 * for each i (computed halved, encoded doubled); and the range's shares of the products that
 * make t_1..t_4, as multi-scalar multiplications (128-bit scalars u_j, full scalars s'_i).
 * Everything here is public: variable-time arithmetic throughout.
 */
export function runVerify(task: VerifyTask): VerifyResult {
  const { group: G, resolved, seed, g, h0, half } = taskContext(task);
  const S = G.scalars;
  const w = resolved.width;
  const L = G.elementLength;
  const { lo, hi } = task;
  const count = hi - lo;
  const layout = proofLayout(G, w, task.n);

  const inputs = decodeCiphertexts(G, task.inputs, w, lo, count, 'inputs');
  const outputs = decodeCiphertexts(G, task.outputs, w, lo, count, 'outputs');
  const commitments = decodeElements(G, task.proof, layout.commitments, lo, count, 'proof.permutation_commitment');
  const chain = decodeElements(G, task.proof, layout.chain, lo, count, 'proof.commitment_chain');
  const previous = lo === 0 ? h0 : decodeElements(G, task.proof, layout.chain, lo - 1, 1, 'proof.commitment_chain')[0];
  const sHat = decodeScalars(G, task.proof, layout.sHat, lo, count, 'proof.s_hat');
  const sPrime = decodeScalars(G, task.proof, layout.sPrime, lo, count, 'proof.s_prime');
  const generators = deriveGenerators(G, seed, lo + 1, count);

  const u = new ChallengeVector(task.uSeed);
  const us: bigint[] = new Array(count);
  let uProduct = 1n;
  for (let j = 0; j < count; j++) {
    us[j] = u.at(lo + j + 1);
    uProduct = S.multiply(uProduct, us[j]);
  }

  const partials = [
    sum(G, commitments),
    sum(G, generators),
    G.msmPublic(commitments, us, U_BITS),
    G.msmPublic(generators, sPrime),
  ];
  for (let k = 0; k < w; k++) {
    const column = (list: unknown[], offset: number) => {
      const out = new Array(count);
      for (let i = 0; i < count; i++) out[i] = list[i * 2 * w + 2 * k + offset];
      return out;
    };
    partials.push(
      G.msmPublic(column(inputs, 0), us, U_BITS),
      G.msmPublic(column(inputs, 1), us, U_BITS),
      G.msmPublic(column(outputs, 0), sPrime),
      G.msmPublic(column(outputs, 1), sPrime),
    );
  }

  // t̂_i / 2 = g^{ŝ_i/2} · ĉ_{i-1}^{s'_i/2} · ĉ_i^{-c/2}
  const minusHalfC = S.multiply(S.negate(task.challenge), half);
  const halves: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const before = i === 0 ? previous : chain[i - 1];
    halves[i] = G.add(
      g.multiplyPublic(S.multiply(sHat[i], half)),
      G.msmPublic([before, chain[i]], [S.multiply(sPrime[i], half), minusHalfC]),
    );
  }
  task.tHat.set(G.encodeManyDoubled(halves), lo * L);
  return { partials: encodePartials(G, partials), uProduct };
}

function sum<E>(G: { add(a: E, b: E): E; identity: E }, list: readonly E[]): E {
  let acc = G.identity;
  for (const x of list) acc = G.add(acc, x);
  return acc;
}

import { DecodeError, deriveGenerators } from '@ostraka/crypto';
import { checkProofShape } from '../proof-layout.js';
import { countCiphertexts, resolveStatement, type ShuffleStatement } from '../statement.js';
import { decodePartials, sumPartials } from '../tasks/partials.js';
import { isTaskFailure } from '../tasks/run-task.js';
import type { VerifyResult, VerifyTask } from '../tasks/types.js';
import { generatorsSeed, statementTranscript } from '../transcript.js';
import type { Driver, Executor } from './executor.js';

/** The outcome of a verification: a result, never an exception, for any bytes. */
export type ShuffleVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The values a verifier recomputes, for test vectors and for debugging another implementation. */
export interface RecomputedValues {
  readonly generatorsSeed: Uint8Array;
  readonly uSeed: Uint8Array;
  /** t_1, t_2, t_3 and the 2w elements of t_4, encoded (identity as zeros). */
  readonly t: Uint8Array;
  /** t̂_1..t̂_N, packed. */
  readonly tHat: Uint8Array;
}

/**
 * CheckProof (Haenni et al.) in compact form (docs/crypto.md §9.5): recompute every commitment
 * from the responses, hash them with the statement, and compare with the proof's challenge.
 */
export function* verifyDriver(
  statement: ShuffleStatement,
  inputs: Uint8Array,
  outputs: Uint8Array,
  proof: Uint8Array,
  executor: Executor,
  inspect?: (values: RecomputedValues) => void,
): Driver<ShuffleVerdict> {
  let prepared;
  try {
    prepared = prepare(statement, inputs, outputs, proof);
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, reason: error.message };
    throw error;
  }
  const { resolved, n, layout, scalars } = prepared;
  const G = resolved.group;
  const S = G.scalars;
  const w = resolved.width;
  const [c, s1, s2, s3, ...s4] = scalars;

  const seed = generatorsSeed(resolved, n);
  const transcript = statementTranscript(resolved, n, seed, inputs, outputs);
  transcript.append('permutation_commitment', proof.subarray(layout.commitments, layout.chain));
  const uSeed = transcript.challengeBytes('u');

  const sharedInputs = executor.share(inputs);
  const sharedOutputs = executor.share(outputs);
  const sharedProof = executor.share(proof);
  const tHat = executor.bytes(n * G.elementLength);
  const tasks: VerifyTask[] = executor.ranges(n).map(([lo, hi]) => ({
    kind: 'verify', statement, n, seed, lo, hi, uSeed, challenge: c, inputs: sharedInputs, outputs: sharedOutputs, proof: sharedProof, tHat,
  }));
  const results = yield tasks;
  for (const r of results) if (isTaskFailure(r)) return { ok: false, reason: r.failure.message };

  const count = 4 + 4 * w;
  const totals = sumPartials(G, (results as VerifyResult[]).map((r) => decodePartials(G, r.partials, count)), count);
  const uProduct = (results as VerifyResult[]).reduce((acc, r) => S.multiply(acc, r.uProduct), 1n);
  const [cSum, hSum, cTilde, hsSum] = totals;
  const g = G.generator;
  const minusC = S.negate(c);
  const [h0] = deriveGenerators(G, seed, 0, 1);
  const chainLast = n === 0 ? h0 : G.decode(proof.subarray(layout.challenge - G.elementLength, layout.challenge));
  // c̄ = Π c_j / Π h_i;  ĉ = ĉ_N / h_0^{Π u_j}
  const cBar = G.subtract(cSum, hSum);
  const cHat = G.subtract(chainLast, G.multiplyPublic(h0, uProduct));
  const t1 = G.msmPublic([cBar, g], [minusC, s1]);
  const t2 = G.msmPublic([cHat, g], [minusC, s2]);
  const t3 = G.add(G.msmPublic([cTilde, g], [minusC, s3]), hsSum);
  const t4: unknown[] = [];
  for (let k = 0; k < w; k++) {
    const [aTilde, bTilde, aShare, bShare] = totals.slice(4 + 4 * k, 8 + 4 * k);
    const minusS4 = S.negate(s4[k]);
    t4.push(G.add(G.msmPublic([aTilde, g], [minusC, minusS4]), aShare));
    t4.push(G.add(G.msmPublic([bTilde, resolved.publicKey], [minusC, minusS4]), bShare));
  }
  inspect?.({ generatorsSeed: seed, uSeed, t: G.encodeMany([t1, t2, t3, ...t4]), tHat: tHat.slice() });
  transcript
    .append('commitment_chain', proof.subarray(layout.chain, layout.challenge))
    .append('t1', G.encode(t1))
    .append('t2', G.encode(t2))
    .append('t3', G.encode(t3))
    .append('t4', G.encodeMany(t4))
    .append('t_hat', tHat);
  if (transcript.challengeScalar('c', G) !== c)
    return { ok: false, reason: 'the recomputed challenge differs from the proof\'s: the proof does not verify' };
  return { ok: true };
}

function prepare(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array) {
  const resolved = resolveStatement(statement);
  const G = resolved.group;
  const n = countCiphertexts(resolved, inputs, 'inputs');
  if (countCiphertexts(resolved, outputs, 'outputs') !== n)
    throw new DecodeError('WRONG_LENGTH', 'outputs', `${n} inputs but ${outputs.length / resolved.ciphertextLength} outputs`);
  const layout = checkProofShape(proof, G, resolved.width, n);
  const names = ['challenge', 's1', 's2', 's3', ...Array.from({ length: resolved.width }, (_, k) => `s4[${k}]`)];
  const L = G.scalarLength;
  const scalars = names.map((name, k) =>
    G.scalars.decode(proof.subarray(layout.challenge + k * L, layout.challenge + (k + 1) * L), `proof.${name}`),
  );
  return { resolved, n, layout, scalars };
}

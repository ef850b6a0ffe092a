import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, DecodeError, utf8 } from '@ostraka/crypto';
import { generatePermutation, invertPermutation } from '../permutation.js';
import { prfScalar } from '../prf.js';
import { proofLayout, writeHeader } from '../proof-layout.js';
import { countCiphertexts, resolveStatement, type ShuffleStatement } from '../statement.js';
import { decodePartials, sumPartials } from '../tasks/partials.js';
import { throwIfFailed } from '../tasks/run-task.js';
import type { ChainPrefixResult, ChainPrefixTask, ChainTask, CommitResult, CommitTask, ResponsesTask } from '../tasks/types.js';
import { generatorsSeed, statementTranscript } from '../transcript.js';
import type { Driver, Executor } from './executor.js';

/**
 * Deviations from the protocol, for tests only: a proof made with other generators or under
 * another domain label must not verify.
 */
export interface ProverDeviations {
  readonly generatorsSeed?: Uint8Array;
  readonly protocol?: string;
}

/** Domain tag of the proof key (docs/crypto.md §9.6). */
export const PROOF_KEY_TAG = 'ostraka-shuffle-proof-key-v1';

/**
 * The Wikström–Terelius proof that `outputs` is a re-encryption of a permutation of `inputs`
 * (Haenni, Locher, Koenig, Dubuis: GenPermutationCommitment, GenCommitmentChain, GenProof),
 * for ciphertext vectors of width w, in the compact form of docs/crypto.md §9.4.
 *
 * The proof's randomness comes from a key derived from the shuffle key, a fresh 32-byte nonce
 * and a digest of the statement: a repeated nonce cannot reuse randomness across statements.
 */
export function* proveDriver(
  statement: ShuffleStatement,
  inputs: Uint8Array,
  outputs: Uint8Array,
  shuffleKey: Uint8Array,
  nonce: Uint8Array,
  executor: Executor,
  deviations: ProverDeviations = {},
): Driver<Uint8Array> {
  const resolved = resolveStatement(statement);
  const G = resolved.group;
  const S = G.scalars;
  const w = resolved.width;
  const n = countCiphertexts(resolved, inputs, 'inputs');
  if (countCiphertexts(resolved, outputs, 'outputs') !== n)
    throw new DecodeError('WRONG_LENGTH', 'outputs', `${outputs.length} bytes, the inputs have ${inputs.length}`);

  const seed = deviations.generatorsSeed ?? generatorsSeed(resolved, n);
  const transcript = statementTranscript(resolved, n, seed, inputs, outputs, deviations.protocol);
  const proofKey = sha512(concatBytes(utf8(PROOF_KEY_TAG), shuffleKey, nonce, transcript.challengeBytes('proof-key')));
  const omega = (k: number) => prfScalar(G, proofKey, 'omega', k);

  const psi = executor.words(n);
  psi.set(generatePermutation(shuffleKey, n));
  const psiInverse = executor.words(n);
  psiInverse.set(invertPermutation(psi));
  const sharedOutputs = executor.share(outputs);
  const layout = proofLayout(G, w, n);
  const proof = executor.bytes(layout.length);
  writeHeader(proof, G, w, n);
  const ranges = executor.ranges(n);

  // 1. Permutation commitment c, with the shares of t_3 and t_4.
  const commitTasks: CommitTask[] = ranges.map(([lo, hi]) => ({
    kind: 'commit', statement, n, seed, lo, hi, proofKey, psiInverse, outputs: sharedOutputs, proof,
  }));
  const committed = yield commitTasks;
  throwIfFailed(committed);
  const partialCount = 1 + 2 * w;
  const [t3Share, ...t4Shares] = sumPartials(
    G,
    (committed as CommitResult[]).map((r) => decodePartials(G, r.partials, partialCount)),
    partialCount,
  );
  transcript.append('permutation_commitment', proof.subarray(layout.commitments, layout.chain));
  const uSeed = transcript.challengeBytes('u');

  // 2. Chain the ranges' prefix compositions; sum the response exponents.
  const prefixTasks: ChainPrefixTask[] = ranges.map(([lo, hi]) => ({
    kind: 'chain-prefix', statement, n, seed, lo, hi, shuffleKey, proofKey, uSeed, psi,
  }));
  const prefixes = (yield prefixTasks) as ChainPrefixResult[];
  let R = 0n;
  let U = 1n;
  let rBar = 0n;
  let rTilde = 0n;
  const rPrime: bigint[] = new Array(w).fill(0n);
  const starts = prefixes.map((p) => {
    const start = { rStart: R, uStart: U };
    R = S.add(p.alpha, S.multiply(p.beta, R));
    U = S.multiply(p.beta, U);
    rBar = S.add(rBar, p.rSum);
    rTilde = S.add(rTilde, p.ruSum);
    for (let k = 0; k < w; k++) rPrime[k] = S.add(rPrime[k], p.reencryptionSums[k]);
    return start;
  });
  const rHat = R; // R_N = Σ r̂_i·Π_{j>i} u'_j

  // 3. The chain ĉ and the commitments t̂ (in parallel from the range starts); t_1..t_4.
  const tHat = executor.bytes(n * G.elementLength);
  const chainTasks: ChainTask[] = ranges.map(([lo, hi], k) => ({
    kind: 'chain', statement, n, seed, lo, hi, proofKey, uSeed, psi, ...starts[k], proof, tHat,
  }));
  throwIfFailed(yield chainTasks);
  const g = G.generator;
  const t1 = G.multiply(g, omega(0));
  const t2 = G.multiply(g, omega(1));
  const t3 = G.add(G.multiply(g, omega(2)), t3Share);
  const t4: unknown[] = [];
  for (let k = 0; k < w; k++) {
    const minusOmega4 = S.negate(omega(3 + k));
    t4.push(G.add(G.multiply(g, minusOmega4), t4Shares[2 * k]));
    t4.push(G.add(G.multiply(resolved.publicKey, minusOmega4), t4Shares[2 * k + 1]));
  }
  transcript
    .append('commitment_chain', proof.subarray(layout.chain, layout.challenge))
    .append('t1', G.encode(t1))
    .append('t2', G.encode(t2))
    .append('t3', G.encode(t3))
    .append('t4', G.encodeMany(t4))
    .append('t_hat', tHat);
  const c = transcript.challengeScalar('c', G);

  // 4. Responses.
  const responseTasks: ResponsesTask[] = ranges.map(([lo, hi]) => ({
    kind: 'responses', statement, n, seed, lo, hi, proofKey, uSeed, psi, challenge: c, proof,
  }));
  throwIfFailed(yield responseTasks);
  const scalars = [c, S.add(omega(0), S.multiply(c, rBar)), S.add(omega(1), S.multiply(c, rHat)), S.add(omega(2), S.multiply(c, rTilde))];
  for (let k = 0; k < w; k++) scalars.push(S.add(omega(3 + k), S.multiply(c, rPrime[k])));
  scalars.forEach((s, k) => proof.set(S.encode(s), layout.challenge + k * G.scalarLength));
  return proof;
}

import type { Ciphertext } from '../elgamal.js';
import type { Group } from '../group/group.js';
import { lagrangeCoefficients } from './lagrange.js';
import { PartialDecryptionVerifier, type PartialDecryption } from './partial-decryption.js';
import { selectTrustees } from './trustee-selection.js';

/** One trustee's decryption factors for a list of ciphertexts: factors[i][k] = a_{i,k}^{x_j}. */
export interface TrusteeFactors<E> {
  readonly trustee: number;
  readonly factors: readonly (readonly E[])[];
}

/** Fewer than t valid partial decryptions: nothing is decrypted (never a wrong plaintext). */
export class InsufficientPartialsError extends Error {
  override readonly name = 'InsufficientPartialsError';
  constructor(
    readonly threshold: number,
    /** The trustees whose partial decryptions were valid. */
    readonly valid: readonly number[],
    readonly rejected: readonly PartialRejection[] = [],
  ) {
    super(
      `threshold decryption needs valid partial decryptions from ${threshold} trustees, ` +
        `got ${valid.length}${valid.length ? ` [${valid.join(', ')}]` : ''}` +
        (rejected.length ? `; rejected: ${rejected.map((r) => `trustee ${r.trustee} (${r.reason})`).join('; ')}` : ''),
    );
  }
}

export interface PartialRejection {
  readonly trustee: number;
  readonly reason: string;
}

/**
 * Combines the factors of t trustees by Lagrange interpolation in the exponent:
 * m_k = b_k / Π_j d_jk^{λ_j} (docs/crypto.md §8.8). The caller passes factors whose proofs
 * verified (`thresholdDecrypt` does both). Of more than t trustees, the t lowest indices are used.
 */
export function combinePartialDecryptions<E>(
  group: Group<E>,
  ciphertexts: readonly Ciphertext<E>[],
  trustees: readonly TrusteeFactors<E>[],
  threshold: number,
): E[][] {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  const sorted = [...trustees].sort((x, y) => x.trustee - y.trustee);
  for (let k = 1; k < sorted.length; k++)
    if (sorted[k].trustee === sorted[k - 1].trustee) throw new RangeError(`trustee ${sorted[k].trustee} appears twice`);
  if (sorted.length < threshold) throw new InsufficientPartialsError(threshold, sorted.map((t) => t.trustee));
  const used = sorted.slice(0, threshold);
  for (const t of used)
    if (t.factors.length !== ciphertexts.length)
      throw new RangeError(`trustee ${t.trustee} has ${t.factors.length} partial decryptions for ${ciphertexts.length} ciphertexts`);
  const lambdas = lagrangeCoefficients(
    group,
    used.map((t) => t.trustee),
  );
  return ciphertexts.map((c, i) =>
    c.b.map((b, k) => {
      const points = used.map((t) => {
        const factors = t.factors[i];
        if (factors.length !== c.b.length) throw new RangeError(`trustee ${t.trustee}: ciphertext ${i} has the wrong width`);
        return factors[k];
      });
      // Σ λ_j·d_jk in one multi-scalar multiplication (Straus for a few points).
      return group.subtract(b, group.msmPublic(points, lambdas));
    }),
  );
}

/** A trustee's posted partial decryptions of the whole list, one per ciphertext, in order. */
export interface TrusteeDecryption<E> {
  readonly trustee: number;
  readonly partials: readonly PartialDecryption<E>[];
}

export interface ThresholdDecryptionParameters<E> {
  readonly election: string;
  readonly threshold: number;
  /** vk_j of every trustee (from `verificationKey`); a submission from anyone else is rejected. */
  readonly verificationKeys: ReadonlyMap<number, E>;
}

export interface ThresholdDecryption<E> {
  /** The plaintext elements m_{i,k} of every ciphertext. */
  readonly plaintexts: E[][];
  /** The t trustees whose factors were combined. */
  readonly used: readonly number[];
  readonly rejected: readonly PartialRejection[];
  /** Trustees not checked because t valid ones were found first (only without `verifyAll`). */
  readonly unchecked: readonly number[];
}

/**
 * The election flow's decryption: verifies trustees' partial decryptions in ascending index order
 * until t are valid (a trustee with any invalid proof is rejected as a whole), then combines.
 * With `verifyAll`, every submission is checked, to name every cheating trustee.
 * Throws InsufficientPartialsError when fewer than t are valid.
 */
export function thresholdDecrypt<E>(
  group: Group<E>,
  params: ThresholdDecryptionParameters<E>,
  ciphertexts: readonly Ciphertext<E>[],
  submissions: readonly TrusteeDecryption<E>[],
  options: { verifyAll?: boolean } = {},
): ThresholdDecryption<E> {
  const selection = selectTrustees(submissions, params.threshold, (j) => params.verificationKeys.has(j), options);
  let step = selection.next();
  while (!step.done) step = selection.next(checkProofs(group, params, ciphertexts, step.value));
  const { valid, rejected, unchecked } = step.value;
  if (valid.length < params.threshold) throw new InsufficientPartialsError(params.threshold, valid.map((v) => v.trustee), rejected);
  const used = valid.slice(0, params.threshold);
  const trustees = used.map((v) => ({ trustee: v.trustee, factors: v.partials.map((p) => p.factors) }));
  return {
    plaintexts: combinePartialDecryptions(group, ciphertexts, trustees, params.threshold),
    used: used.map((v) => v.trustee),
    rejected,
    unchecked,
  };
}

/** Null when every partial decryption of the submission (from a trustee with a verification key) verifies, else why not. */
function checkProofs<E>(group: Group<E>, params: ThresholdDecryptionParameters<E>, ciphertexts: readonly Ciphertext<E>[], submission: TrusteeDecryption<E>): string | null {
  if (submission.partials.length !== ciphertexts.length)
    return `${submission.partials.length} partial decryptions for ${ciphertexts.length} ciphertexts`;
  const verifier = new PartialDecryptionVerifier(group, params.election, submission.trustee, params.verificationKeys.get(submission.trustee)!);
  const bad = firstInvalidPartial(verifier, ciphertexts, submission.partials);
  return bad === -1 ? null : `the proof of partial decryption ${bad} does not verify`;
}

/** The index of the first partial decryption whose proof fails, or −1 if all verify. */
export function firstInvalidPartial<E>(
  verifier: PartialDecryptionVerifier<E>,
  ciphertexts: readonly Ciphertext<E>[],
  partials: readonly PartialDecryption<E>[],
): number {
  if (partials.length !== ciphertexts.length) throw new RangeError('one partial decryption per ciphertext');
  for (let i = 0; i < ciphertexts.length; i++) if (!verifier.verify(ciphertexts[i], partials[i])) return i;
  return -1;
}

import type { Group } from '../group/group.js';
import { proveSchnorr, verifySchnorr, type SchnorrProof } from '../proofs/schnorr.js';
import { csprng, type RandomSource } from '../random.js';
import { dealContext, trusteeIndexCheck } from './contexts.js';
import { feldmanCommitments } from './feldman.js';
import { evaluatePolynomial } from './polynomial.js';
import { encryptedShareLength, encryptShare, type EncryptedShare } from './share-encryption.js';

/** A trustee as a recipient of shares: its index and its published share-encryption key E_j. */
export interface ShareRecipient<E> {
  readonly index: number;
  readonly shareKey: E;
}

/**
 * Dealer i's contribution to the ceremony (docs/crypto.md §8.3): Feldman commitments to f_i, a
 * proof of knowledge of a_i0 (so no dealer can choose its A_i0 as a function of the others'
 * and bias or take over the joint key: no rogue keys), and f_i(j) encrypted to every other
 * trustee j, in ascending order of j. The dealer keeps f_i(i) itself.
 */
export interface Deal<E> {
  readonly dealer: number;
  readonly commitments: readonly E[];
  readonly proof: SchnorrProof;
  readonly shares: readonly EncryptedShare<E>[];
}

/** The shape every deal of an election must have. */
export interface CeremonyParameters {
  readonly election: string;
  readonly threshold: number;
  /** n: trustees are numbered 1..n. */
  readonly count: number;
}

export function checkCeremonyParameters(p: CeremonyParameters): void {
  if (!Number.isSafeInteger(p.count) || p.count < 1) throw new RangeError(`trustee count must be a positive integer, got ${p.count}`);
  if (!Number.isSafeInteger(p.threshold) || p.threshold < 1 || p.threshold > p.count)
    throw new RangeError(`threshold must be an integer in [1, ${p.count}], got ${p.threshold}`);
}

export function createDeal<E>(
  group: Group<E>,
  election: string,
  dealer: number,
  coefficients: readonly bigint[],
  recipients: readonly ShareRecipient<E>[],
  rng: RandomSource = csprng,
): Deal<E> {
  trusteeIndexCheck(dealer, 'dealer');
  const sorted = [...recipients].sort((x, y) => x.index - y.index);
  sorted.forEach((r, k) => {
    trusteeIndexCheck(r.index, 'recipient');
    if (r.index === dealer) throw new RangeError('a dealer does not send a share to itself');
    if (k > 0 && sorted[k - 1].index === r.index) throw new RangeError(`recipient ${r.index} appears twice`);
  });
  const commitments = feldmanCommitments(group, coefficients);
  const proof = proveSchnorr(group, dealContext(election, dealer), coefficients[0], commitments[0], rng);
  const shares = sorted.map((r) =>
    encryptShare(group, { election, dealer, recipient: r.index }, r.shareKey, evaluatePolynomial(group, coefficients, r.index), rng),
  );
  return { dealer, commitments, proof, shares };
}

/**
 * The public checks of a deal, which anyone runs without any secret: t commitments, a valid
 * proof of knowledge of a_i0, and exactly one encrypted share of the right length for each other
 * trustee, in ascending order. Returns null for a well-formed deal, else the reason; a dealer
 * whose deal fails is disqualified without any complaint being needed.
 */
export function checkDeal<E>(group: Group<E>, params: CeremonyParameters, deal: Deal<E>): string | null {
  checkCeremonyParameters(params);
  const { dealer } = deal;
  if (!Number.isSafeInteger(dealer) || dealer < 1 || dealer > params.count) return `dealer ${dealer} is not a trustee of 1..${params.count}`;
  if (deal.commitments.length !== params.threshold)
    return `expected ${params.threshold} commitments (threshold), got ${deal.commitments.length}`;
  if (deal.commitments.some((A) => group.isIdentity(A))) return 'a commitment is the identity element';
  if (!verifySchnorr(group, dealContext(params.election, dealer), deal.commitments[0], deal.proof))
    return 'the proof of knowledge of the constant term does not verify';
  const expected: number[] = [];
  for (let j = 1; j <= params.count; j++) if (j !== dealer) expected.push(j);
  if (deal.shares.length !== expected.length) return `expected ${expected.length} encrypted shares, got ${deal.shares.length}`;
  for (let k = 0; k < expected.length; k++) {
    const s = deal.shares[k];
    if (s.recipient !== expected[k]) return `share ${k} is addressed to ${s.recipient}, expected ${expected[k]}`;
    if (group.isIdentity(s.ephemeral)) return `share for ${s.recipient}: the ephemeral key is the identity element`;
    if (s.ciphertext.length !== encryptedShareLength(group))
      return `share for ${s.recipient}: expected ${encryptedShareLength(group)} bytes, got ${s.ciphertext.length}`;
  }
  return null;
}

/** The encrypted share of `recipient` in a well-formed deal. */
export function shareFor<E>(deal: Deal<E>, recipient: number): EncryptedShare<E> | undefined {
  return deal.shares.find((s) => s.recipient === recipient);
}

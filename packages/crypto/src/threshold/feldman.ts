import type { Group } from '../group/group.js';
import { trusteeIndexCheck } from './contexts.js';

/** Feldman commitments A_k = g^{a_k} to the coefficients of a dealer's polynomial. */
export function feldmanCommitments<E>(group: Group<E>, coefficients: readonly bigint[]): E[] {
  return coefficients.map((a) => group.multiply(group.generator, a));
}

/**
 * Π_k A_k^{x^k} = g^{f(x)}, evaluated by Horner's rule in the exponent: t − 1 multiplications by
 * the small public scalar x (a few bits), far cheaper than an MSM with the full powers x^k.
 * With aggregated commitments this is a trustee's verification key.
 */
export function commitmentAt<E>(group: Group<E>, commitments: readonly E[], x: number): E {
  if (commitments.length === 0) throw new RangeError('no commitments');
  const at = BigInt(trusteeIndexCheck(x, 'evaluation point'));
  let acc = commitments[commitments.length - 1];
  for (let k = commitments.length - 2; k >= 0; k--) acc = group.add(group.multiplyPublic(acc, at), commitments[k]);
  return acc;
}

/**
 * Feldman's check of a share: g^{share} = Π_k A_k^{x^k}. The share may be secret (a recipient
 * checks what it received), so g^{share} takes the constant-time path.
 */
export function verifyShare<E>(group: Group<E>, commitments: readonly E[], x: number, share: bigint): boolean {
  if (share < 0n || share >= group.order) return false;
  return group.equals(group.multiply(group.generator, share), commitmentAt(group, commitments, x));
}

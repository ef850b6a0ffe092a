import type { Group } from '../group/group.js';
import { csprng, type RandomSource } from '../random.js';
import { trusteeIndexCheck } from './contexts.js';

/**
 * A dealer's secret polynomial f(X) = a_0 + a_1·X + … + a_{t−1}·X^{t−1} over the scalar field:
 * any t of its values f(1..n) determine it, t − 1 of them reveal nothing about a_0.
 */
export function randomPolynomial(group: Group<unknown>, threshold: number, rng: RandomSource = csprng): bigint[] {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  const coefficients = [group.scalars.randomNonZero(rng)];
  // Non-zero coefficients make every commitment g^{a_k} a non-identity element, which the strict
  // decoders accept (a zero would otherwise occur with probability 2^-252).
  for (let k = 1; k < threshold; k++) coefficients.push(group.scalars.randomNonZero(rng));
  return coefficients;
}

/** f(x) by Horner's rule, for a trustee index x ≥ 1. */
export function evaluatePolynomial(group: Group<unknown>, coefficients: readonly bigint[], x: number): bigint {
  if (coefficients.length === 0) throw new RangeError('a polynomial needs at least one coefficient');
  const S = group.scalars;
  const at = BigInt(trusteeIndexCheck(x, 'evaluation point'));
  let value = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--) value = S.add(S.multiply(value, at), coefficients[k]);
  return value;
}

import type { Group } from '../group/group.js';
import { trusteeIndexCheck } from './contexts.js';

/**
 * Lagrange coefficients at 0 for the set S of trustee indices: λ_j = Π_{m∈S, m≠j} m / (m − j).
 * Then F(0) = Σ_{j∈S} λ_j·F(j) for any polynomial F of degree < |S|.
 */
export function lagrangeCoefficients(group: Group<unknown>, indices: readonly number[]): bigint[] {
  const S = group.scalars;
  const seen = new Set<number>();
  for (const j of indices) {
    trusteeIndexCheck(j);
    if (seen.has(j)) throw new RangeError(`trustee ${j} appears twice in the interpolation set`);
    seen.add(j);
  }
  return indices.map((j) => {
    let numerator = 1n;
    let denominator = 1n;
    for (const m of indices) {
      if (m === j) continue;
      numerator = S.multiply(numerator, BigInt(m));
      denominator = S.multiply(denominator, S.subtract(BigInt(m), BigInt(j)));
    }
    return S.multiply(numerator, S.invert(denominator));
  });
}

import { normalizeZ } from '@noble/curves/abstract/curve.js';
import type { PointArithmetic } from './point-arithmetic.js';

/** The part of a @noble/curves short-Weierstrass point the bulk algorithms use. */
interface WeierstrassPoint<P> {
  add(other: P): P;
  double(): P;
  negate(): P;
}

/**
 * A @noble/curves short-Weierstrass curve (P-256) for the bulk algorithms: its complete
 * projective formulas for every form; affine points are the library's points normalised to
 * Z = 1 with one shared inversion.
 */
export function weierstrassArithmetic<P extends WeierstrassPoint<P>>(Point: { ZERO: P }): PointArithmetic<P, P, P> {
  return {
    zero: Point.ZERO,
    affineZero: Point.ZERO,
    cachedZero: Point.ZERO,
    add: (p, q) => p.add(q),
    double: (p) => p.double(),
    doubleMany(p, k) {
      for (let i = 0; i < k; i++) p = p.double();
      return p;
    },
    addAffine: (p, a) => p.add(a),
    negateAffine: (a) => a.negate(),
    toAffineMany: (points) => normalizeZ(Point as never, points as never[]) as unknown as P[],
    toCached: (p) => p,
    addCached: (p, c) => p.add(c),
    negateCached: (c) => c.negate(),
  };
}

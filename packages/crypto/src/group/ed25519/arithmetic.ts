import type { PointArithmetic } from '../point-arithmetic.js';
import { invertMany, mul } from './field.js';
import {
  add,
  addAffine,
  addCached,
  AFFINE_IDENTITY,
  AffineNiels,
  CACHED_IDENTITY,
  double,
  doubleMany,
  Ext,
  IDENTITY,
  negateAffine,
  negateCached,
  toCached,
  type CachedPoint,
} from './point.js';

const D2 = 2n * 37095705934669439343138083508754565189542113879843219016388785533085940283555n;

/** edwards25519 for the bulk algorithms: extended points, affine and cached Niels forms. */
export const edwardsArithmetic: PointArithmetic<Ext, AffineNiels, CachedPoint> = {
  zero: IDENTITY,
  affineZero: AFFINE_IDENTITY,
  cachedZero: CACHED_IDENTITY,
  add,
  double,
  doubleMany,
  addAffine,
  negateAffine,
  toCached,
  addCached,
  negateCached,
  toAffineMany(points) {
    // Decoded points already have Z = 1: only the others need a share of the inversion.
    const pending = points.map((p) => (p.Z === 1n ? 1n : p.Z));
    const inverses = invertMany(pending);
    return points.map((p, i) => {
      const x = p.Z === 1n ? p.X : mul(p.X, inverses[i]);
      const y = p.Z === 1n ? p.Y : mul(p.Y, inverses[i]);
      return new AffineNiels(y + x, y - x, mul(mul(x, y), D2));
    });
  },
};

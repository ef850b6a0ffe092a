import type { FixedBase } from './group.js';
import { fixedBaseComb } from './fixed-base-comb.js';
import { msmPublic } from './msm.js';
import type { PointArithmetic } from './point-arithmetic.js';
import { msmSecret } from './secret-msm.js';

/**
 * The bulk operations of a group, implemented by the algorithms of this directory over a curve's
 * point arithmetic. `P` is the group's element type; `X` the arithmetic's projective points
 * (the same type when the curve library's points are used directly).
 */
export interface CurveKernels<P> {
  fixedBase(base: P): FixedBase<P>;
  msm(points: readonly P[], scalars: readonly bigint[]): P;
  msmPublic(points: readonly P[], scalars: readonly bigint[], bits: number): P;
}

export function curveKernels<P, X, A, C>(
  ops: PointArithmetic<X, A, C>,
  order: bigint,
  toInternal: (p: P) => X,
  fromInternal: (x: X) => P,
): CurveKernels<P> {
  return {
    fixedBase(base) {
      const comb = fixedBaseComb(ops, toInternal(base), order);
      return {
        base,
        multiply: (k) => fromInternal(comb.multiply(k)),
        multiplyPublic: (k) => fromInternal(comb.multiplyPublic(k)),
      };
    },
    msm: (points, scalars) => fromInternal(msmSecret(ops, points.map(toInternal), scalars, order)),
    msmPublic: (points, scalars, bits) => fromInternal(msmPublic(ops, points.map(toInternal), scalars, bits)),
  };
}

/**
 * P-256 behind the same operations, on @noble/curves' projective points (complete formulas): the
 * fast algorithms of msm.ts and fixed-base.ts apply; the per-operation cost is noble's.
 */
import { normalizeZ } from '@noble/curves/abstract/curve.js';
import { p256 } from '@noble/curves/nist.js';
import { p256Group, type Point } from '../group.js';
import type { CurveOps } from './curve-ops.js';

type P = InstanceType<typeof p256.Point>;

export const p256Ops: CurveOps<P, P> = {
  name: 'p256',
  bits: 256,
  zero: () => p256.Point.ZERO,
  isZero: (a) => a.is0(),
  add: (a, b) => a.add(b),
  double: (a) => a.double(),
  doubleLazy: (a) => a.double(),
  neg: (a) => a.negate(),
  cache: (a) => a,
  addCached: (a, c) => a.add(c),
  subCached: (a, c) => a.subtract(c),
  decode(bytes, offset) {
    const pt = p256Group.decode(bytes.subarray(offset, offset + 33));
    return typeof pt === 'string' ? pt : (pt as unknown as P);
  },
  hash: (message, dst) => p256Group.hashToGroup(message, dst) as unknown as P,
  fromPoint: (pt: Point) => pt as unknown as P,
  toPoint: (a) => a as unknown as Point,
  encodeAll(points) {
    const out = new Uint8Array(33 * points.length);
    // One inversion for all the points (normalizeZ batches them); the identity has no affine form.
    const finite = points.map((a, i) => [a, i] as const).filter(([a]) => !a.is0());
    const affine = normalizeZ(p256.Point, finite.map(([a]) => a));
    affine.forEach((a, k) => out.set(p256Group.encode(a as unknown as Point), 33 * finite[k][1]));
    return out;
  },
};

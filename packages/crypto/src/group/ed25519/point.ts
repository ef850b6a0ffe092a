import { canonical, equal, invertMany, mul, P, sqr } from './field.js';

/**
 * Points of edwards25519 (−x² + y² = 1 + d·x²·y²) in extended coordinates (X : Y : Z : T) with
 * x = X/Z, y = Y/Z, x·y = T/Z, and the cached forms used for additions (Hisil–Wong–Carter–Dawson
 * 2008, "Twisted Edwards curves revisited"; the formulas are complete on this curve). A
 * ristretto255 element is any representative of its coset (RFC 9496): the kernels work on
 * representatives and leave canonical choices to the encoder.
 *
 * Coordinates are loosely reduced field elements (field.ts).
 */
export class Ext {
  constructor(
    readonly X: bigint,
    readonly Y: bigint,
    readonly Z: bigint,
    readonly T: bigint,
  ) {}
}

/** (y + x, y − x, 2d·x·y) of an affine point: a mixed addition costs 7 multiplications. */
export class AffineNiels {
  constructor(
    readonly ypx: bigint,
    readonly ymx: bigint,
    readonly t2d: bigint,
  ) {}
}

/** (Y + X, Y − X, Z, 2d·T): an addition with a reused point costs 8 multiplications. */
export class CachedPoint {
  constructor(
    readonly ypx: bigint,
    readonly ymx: bigint,
    readonly z: bigint,
    readonly t2d: bigint,
  ) {}
}

/** d = −121665/121666. */
export const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;
const D2 = (2n * D) % P;

export const IDENTITY = new Ext(0n, 1n, 1n, 0n);
export const AFFINE_IDENTITY = new AffineNiels(1n, 1n, 0n);
export const CACHED_IDENTITY = new CachedPoint(1n, 1n, 1n, 0n);

/** add-2008-hwcd-3 (a = −1): 9 multiplications. */
export function add(p: Ext, q: Ext): Ext {
  const a = mul(p.Y - p.X, q.Y - q.X);
  const b = mul(p.Y + p.X, q.Y + q.X);
  const c = mul(mul(p.T, D2), q.T);
  const d = 2n * mul(p.Z, q.Z);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return new Ext(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
}

export function addCached(p: Ext, q: CachedPoint): Ext {
  const a = mul(p.Y - p.X, q.ymx);
  const b = mul(p.Y + p.X, q.ypx);
  const c = mul(p.T, q.t2d);
  const d = 2n * mul(p.Z, q.z);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return new Ext(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
}

export function addAffine(p: Ext, q: AffineNiels): Ext {
  const a = mul(p.Y - p.X, q.ymx);
  const b = mul(p.Y + p.X, q.ypx);
  const c = mul(p.T, q.t2d);
  const d = 2n * p.Z;
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return new Ext(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
}

/** dbl-2008-hwcd (a = −1) through the completed point: 4 squarings and 4 multiplications. */
export function double(p: Ext): Ext {
  const xx = sqr(p.X);
  const yy = sqr(p.Y);
  const zz2 = 2n * sqr(p.Z);
  const e = sqr(p.X + p.Y) - xx - yy; // 2XY
  const yc = yy + xx;
  const zc = yy - xx;
  const tc = zz2 - zc;
  return new Ext(mul(e, tc), mul(yc, zc), mul(zc, tc), mul(e, yc));
}

/**
 * 2^k·p. The intermediate doublings stay projective (X : Y : Z), skipping T (one multiplication
 * each) since only the last result needs it.
 */
export function doubleMany(p: Ext, k: number): Ext {
  if (k === 0) return p;
  let { X, Y, Z } = p;
  for (let i = 1; i < k; i++) {
    const xx = sqr(X);
    const yy = sqr(Y);
    const zz2 = 2n * sqr(Z);
    const e = sqr(X + Y) - xx - yy;
    const yc = yy + xx;
    const zc = yy - xx;
    const tc = zz2 - zc;
    X = mul(e, tc);
    Y = mul(yc, zc);
    Z = mul(zc, tc);
  }
  return double(new Ext(X, Y, Z, 0n)); // double() does not read T
}

export function negate(p: Ext): Ext {
  return new Ext(-p.X, p.Y, p.Z, -p.T);
}

export function toCached(p: Ext): CachedPoint {
  return new CachedPoint(p.Y + p.X, p.Y - p.X, p.Z, mul(p.T, D2));
}

export function negateCached(q: CachedPoint): CachedPoint {
  return new CachedPoint(q.ymx, q.ypx, q.z, -q.t2d);
}

export function negateAffine(q: AffineNiels): AffineNiels {
  return new AffineNiels(q.ymx, q.ypx, -q.t2d);
}

/** Affine forms of many points with one shared inversion. */
export function toAffineMany(points: readonly Ext[]): AffineNiels[] {
  const inverses = invertMany(points.map((p) => p.Z));
  return points.map((p, i) => {
    const x = mul(p.X, inverses[i]);
    const y = mul(p.Y, inverses[i]);
    return new AffineNiels(y + x, y - x, mul(mul(x, y), D2));
  });
}

/** Equality of ristretto255 elements (RFC 9496 §4.3.3): the representatives may differ by 4-torsion. */
export function ristrettoEqual(p: Ext, q: Ext): boolean {
  return equal(mul(p.X, q.Y), mul(p.Y, q.X)) || equal(mul(p.Y, q.Y), mul(p.X, q.X));
}

/** Coordinates in [0, p), as another library's point constructor expects. */
export function canonicalCoordinates(p: Ext): [bigint, bigint, bigint, bigint] {
  return [canonical(p.X), canonical(p.Y), canonical(p.Z), canonical(p.T)];
}

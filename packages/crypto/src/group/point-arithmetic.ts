/**
 * The point operations that the bulk algorithms (fixed-base comb, multi-scalar multiplication)
 * need from a curve, in three forms: projective points P; affine points A, for cheap "mixed"
 * additions with table entries and buckets; cached points C, for additions with a reused point.
 * Every form has an identity, and additions are complete (no exceptional inputs), so that
 * constant-time code can add the identity instead of skipping.
 */
export interface PointArithmetic<P, A, C> {
  readonly zero: P;
  readonly affineZero: A;
  readonly cachedZero: C;
  add(p: P, q: P): P;
  double(p: P): P;
  /** 2^k·p (k ≥ 0): a chain of doublings can skip work a single doubling needs. */
  doubleMany(p: P, k: number): P;
  addAffine(p: P, a: A): P;
  negateAffine(a: A): A;
  /** Affine forms of many points, with one shared field inversion. */
  toAffineMany(points: readonly P[]): A[];
  toCached(p: P): C;
  addCached(p: P, c: C): P;
  negateCached(c: C): C;
}

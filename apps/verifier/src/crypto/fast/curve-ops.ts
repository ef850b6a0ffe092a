/**
 * What the fast multi-scalar algorithms (msm.ts, fixed-base.ts) need from a group: points in an
 * internal representation P, a "cached" form C that is cheaper to add repeatedly, and the
 * conversions to and from @noble/curves points (strict decoding stays in group.ts). Every
 * operation is on public values (a verifier has no secrets), so variable time is fine.
 */
import type { Point } from '../group.js';

export interface CurveOps<P, C> {
  readonly name: 'ristretto255' | 'p256';
  /** Bits of the group order (scalars are below it). */
  readonly bits: number;
  zero(): P;
  isZero(p: P): boolean;
  add(a: P, b: P): P;
  double(a: P): P;
  /** A doubling whose result is only doubled again or fed to `add`/`double` (may skip work). */
  doubleLazy(a: P): P;
  neg(a: P): P;
  cache(a: P): C;
  addCached(a: P, c: C): P;
  subCached(a: P, c: C): P;
  /** Strict decoding (the same verdicts as group.ts) straight into the internal representation. */
  decode(bytes: Uint8Array, offset: number): P | string;
  /** The group's hash to group (docs/crypto.md §3), straight into the internal representation. */
  hash(message: Uint8Array, dst: Uint8Array): P;
  fromPoint(p: Point): P;
  toPoint(p: P): Point;
  /** Canonical encodings of many points, concatenated (the identity as zero bytes). */
  encodeAll(points: readonly P[]): Uint8Array;
}

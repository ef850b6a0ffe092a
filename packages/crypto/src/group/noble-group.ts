import { checkBytes } from '../bytes.js';
import { DecodeError } from '../errors.js';
import type { CurveKernels } from './curve-kernels.js';
import type { Group, GroupName, ScalarField } from './group.js';

/** The part of a @noble/curves point class that the adapter uses. */
export interface NoblePoint<P> {
  add(other: P): P;
  subtract(other: P): P;
  negate(): P;
  equals(other: P): boolean;
  is0(): boolean;
  multiply(k: bigint): P;
  multiplyUnsafe(k: bigint): P;
  precompute(windowSize?: number, isLazy?: boolean): P;
  toBytes(): Uint8Array;
}

export interface NoblePointClass<P extends NoblePoint<P>> {
  BASE: P;
  ZERO: P;
  Fn: { ORDER: bigint; BITS: number };
}

/** What differs between the curves: byte formats, hashing to the group and the embedding. */
export interface CurveCodec<P> {
  readonly name: GroupName;
  readonly elementLength: number;
  readonly embeddingCapacity: number;
  /** Decodes a non-identity element; throws DecodeError with the precise reason. */
  decode(bytes: Uint8Array, field: string): P;
  encode(point: P): Uint8Array;
  hashToElement(message: Uint8Array, dst: Uint8Array): P;
  embed(chunk: Uint8Array): P;
  extract(point: P, field: string): Uint8Array;
  /** Batched encodings (identity as zeros), when the curve has a cheaper way than one by one. */
  encodeMany?(list: readonly P[]): Uint8Array;
  /** Batched encodings of 2·P for every P (identity as zeros). */
  encodeManyDoubled?(list: readonly P[]): Uint8Array;
}

/**
 * Builds a Group over a @noble/curves point class. Scalar multiplications of every kind go
 * through the curve's bulk kernels (fixed-base comb, Straus, Pippenger, constant-time
 * interleaved windows: curve-kernels.ts), which are faster than the library's own paths and
 * read only the bits a scalar has; the library provides the point formulas and encodings.
 */
export function nobleGroup<P extends NoblePoint<P>>(
  Point: NoblePointClass<P>,
  codec: CurveCodec<P>,
  scalars: ScalarField,
  kernels: CurveKernels<P>,
): Group<P> {
  const order = Point.Fn.ORDER;
  const identity = Point.ZERO;
  const bits = Point.Fn.BITS;
  const checkLengths = (points: readonly P[], ks: readonly bigint[], name: string) => {
    if (points.length !== ks.length) throw new RangeError(`${name}: points and scalars differ in length`);
  };
  const multiply = (a: P, k: bigint): P => kernels.msm([a], [k]);
  const group: Group<P> = {
    name: codec.name,
    order,
    elementLength: codec.elementLength,
    scalarLength: scalars.length,
    embeddingCapacity: codec.embeddingCapacity,
    generator: Point.BASE,
    identity,
    add: (a, b) => a.add(b),
    subtract: (a, b) => a.subtract(b),
    negate: (a) => a.negate(),
    equals: (a, b) => a.equals(b),
    isIdentity: (a) => a.is0(),
    multiply,
    multiplyPublic: (a, k) => kernels.msmPublic([a], [k], bits),
    fixedBase: (base) => kernels.fixedBase(base),
    msmPublic(points, ks, scalarBits = bits) {
      checkLengths(points, ks, 'msmPublic');
      return kernels.msmPublic(points, ks, scalarBits);
    },
    msm(points, ks) {
      checkLengths(points, ks, 'msm');
      return kernels.msm(points, ks);
    },
    encode: (a) => (a.is0() ? new Uint8Array(codec.elementLength) : codec.encode(a)),
    encodeMany(list) {
      if (codec.encodeMany) return codec.encodeMany(list);
      const n = codec.elementLength;
      const out = new Uint8Array(list.length * n);
      for (let i = 0; i < list.length; i++) out.set(group.encode(list[i]), i * n);
      return out;
    },
    encodeManyDoubled: (list) => (codec.encodeManyDoubled ? codec.encodeManyDoubled(list) : group.encodeMany(list.map((a) => a.add(a)))),
    decode(bytes, field = 'element') {
      checkBytes(bytes, field, codec.elementLength);
      return codec.decode(bytes, field);
    },
    decodeMany(bytes, count, field = 'elements', offset = 0) {
      const n = codec.elementLength;
      checkBytes(bytes, field);
      if (!Number.isSafeInteger(count) || count < 0 || offset + count * n > bytes.length)
        throw new DecodeError('WRONG_LENGTH', field, `expected ${count} elements of ${n} bytes`);
      const out: P[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const start = offset + i * n;
        out[i] = codec.decode(bytes.subarray(start, start + n), `${field}[${i}]`);
      }
      return out;
    },
    hashToElement: (message, dst) => codec.hashToElement(message, dst),
    embed(chunk) {
      checkBytes(chunk, 'chunk', codec.embeddingCapacity);
      return codec.embed(chunk);
    },
    extract: (a, field = 'element') => codec.extract(a, field),
    scalars,
  };
  return group;
}

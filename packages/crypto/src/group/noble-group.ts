import { pippenger } from '@noble/curves/abstract/curve.js';
import { checkBytes } from '../bytes.js';
import { DecodeError } from '../errors.js';
import type { FixedBase, Group, GroupName, ScalarField } from './group.js';

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
}

/**
 * Window of the fixed-base tables: measured on ristretto255 and P-256 with @noble/curves 2.4,
 * width 8 is the fastest (wider tables no longer fit in cache) and costs ~30 ms to build.
 */
const FIXED_BASE_WINDOW = 8;

/** Builds a Group over a @noble/curves point class. */
export function nobleGroup<P extends NoblePoint<P>>(
  Point: NoblePointClass<P>,
  codec: CurveCodec<P>,
  scalars: ScalarField,
): Group<P> {
  const order = Point.Fn.ORDER;
  const identity = Point.ZERO;
  // noble refuses k = 0 in the constant-time path; 0·a is the identity by definition.
  const multiply = (a: P, k: bigint): P => (k === 0n ? identity : a.multiply(k));
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
    multiplyPublic: (a, k) => a.multiplyUnsafe(k),
    fixedBase(base: P): FixedBase<P> {
      // A fresh instance, so that the table is owned by this FixedBase and freed with it.
      const table = base.add(identity).precompute(FIXED_BASE_WINDOW, false);
      return {
        base,
        multiply: (k) => multiply(table, k),
        multiplyPublic: (k) => table.multiplyUnsafe(k),
      };
    },
    msmPublic(points, ks) {
      if (points.length !== ks.length) throw new RangeError('msmPublic: points and scalars differ in length');
      return pippenger(Point as never, points as never, ks as bigint[]) as unknown as P;
    },
    encode: (a) => (a.is0() ? new Uint8Array(codec.elementLength) : codec.encode(a)),
    msm(points, ks) {
      if (points.length !== ks.length) throw new RangeError('msm: points and scalars differ in length');
      let acc = identity;
      for (let i = 0; i < points.length; i++) acc = acc.add(multiply(points[i], ks[i]));
      return acc;
    },
    encodeMany(list) {
      const n = codec.elementLength;
      const out = new Uint8Array(list.length * n);
      for (let i = 0; i < list.length; i++) out.set(group.encode(list[i]), i * n);
      return out;
    },
    encodeManyDoubled: (list) => group.encodeMany(list.map((a) => a.add(a))),
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

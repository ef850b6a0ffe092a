/**
 * The two groups of docs/crypto.md §2 behind one small interface, on @noble/curves. Every
 * element read from a transcript goes through `decode`, which is strict: a non-canonical encoding,
 * a point off the group or the identity is refused with the reason (never normalised).
 * Scalars are public everywhere in a verifier, so the variable-time operations are used.
 */
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { p256, p256_hasher } from '@noble/curves/nist.js';
import { bigintToBytesBE, bigintToBytesLE, bytesToBigintBE, bytesToBigintLE } from '../encoding/bytes.js';

/** A group element: a noble point of the group's class (ristretto255 or P-256). */
export interface Point {
  add(other: Point): Point;
  subtract(other: Point): Point;
  negate(): Point;
  double(): Point;
  multiplyUnsafe(scalar: bigint): Point;
  equals(other: Point): boolean;
  is0(): boolean;
  toBytes(): Uint8Array;
}

export type GroupName = 'ristretto255' | 'p256';

export interface Group {
  readonly name: GroupName;
  /** The group id of the shuffle proof header (docs/crypto.md §9.4). */
  readonly id: number;
  readonly order: bigint;
  readonly elementLength: number;
  readonly scalarLength: 32;
  readonly generator: Point;
  readonly identity: Point;
  /** Strict decoding (docs/crypto.md §2): the element, or the reason it is refused. */
  decode(bytes: Uint8Array): Point | string;
  encode(point: Point): Uint8Array;
  /** Strict scalar decoding: exactly 32 bytes, below q; else the reason. */
  decodeScalar(bytes: Uint8Array): bigint | string;
  encodeScalar(value: bigint): Uint8Array;
  /** A 64-byte challenge read in the group's scalar byte order, reduced mod q (docs/crypto.md §6). */
  reduceWide(bytes: Uint8Array): bigint;
  hashToGroup(message: Uint8Array, dst: Uint8Array): Point;
  /** `base^scalar` with any public scalar in [0, q). */
  multiply(base: Point, scalar: bigint): Point;
}

const RISTRETTO_P = 2n ** 255n - 19n;
const P256_P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;

function scalarCodec(order: bigint, littleEndian: boolean) {
  return {
    decodeScalar(bytes: Uint8Array): bigint | string {
      if (bytes.length !== 32) return `scalar of ${bytes.length} bytes instead of 32`;
      const v = littleEndian ? bytesToBigintLE(bytes) : bytesToBigintBE(bytes);
      return v < order ? v : 'scalar not below the group order';
    },
    encodeScalar(value: bigint): Uint8Array {
      return littleEndian ? bigintToBytesLE(value, 32) : bigintToBytesBE(value, 32);
    },
    reduceWide(bytes: Uint8Array): bigint {
      return (littleEndian ? bytesToBigintLE(bytes) : bytesToBigintBE(bytes)) % order;
    },
  };
}

const Ristretto = ristretto255.Point;
const ristrettoOrder = Ristretto.Fn.ORDER;

export const ristretto255Group: Group = {
  name: 'ristretto255',
  id: 1,
  order: ristrettoOrder,
  elementLength: 32,
  scalarLength: 32,
  generator: Ristretto.BASE as unknown as Point,
  identity: Ristretto.ZERO as unknown as Point,
  decode(bytes) {
    if (bytes.length !== 32) return `element of ${bytes.length} bytes instead of 32`;
    const s = bytesToBigintLE(bytes);
    if (s >= RISTRETTO_P || (s & 1n) === 1n) return 'non-canonical element encoding';
    let point: Point;
    try {
      point = Ristretto.fromBytes(bytes) as unknown as Point;
    } catch {
      return 'not a group element';
    }
    return point.is0() ? 'the identity element' : point;
  },
  encode: (point) => point.toBytes(),
  ...scalarCodec(ristrettoOrder, true),
  hashToGroup: (message, dst) => ristretto255_hasher.hashToCurve(message, { DST: dst }) as unknown as Point,
  multiply: (base, scalar) => base.multiplyUnsafe(scalar),
};

const P256 = p256.Point;
const p256Order = P256.Fn.ORDER;
const P256_IDENTITY_ENCODING = new Uint8Array(33);

export const p256Group: Group = {
  name: 'p256',
  id: 2,
  order: p256Order,
  elementLength: 33,
  scalarLength: 32,
  generator: P256.BASE as unknown as Point,
  identity: P256.ZERO as unknown as Point,
  decode(bytes) {
    if (bytes.length !== 33) return `element of ${bytes.length} bytes instead of 33`;
    if (bytes[0] !== 2 && bytes[0] !== 3) return 'non-canonical element encoding (first byte not 02 or 03)';
    if (bytesToBigintBE(bytes.subarray(1)) >= P256_P) return 'non-canonical element encoding (x not below p)';
    try {
      return P256.fromBytes(bytes) as unknown as Point;
    } catch {
      return 'not on the curve';
    }
  },
  // The identity has no SEC1 compressed encoding; hash inputs use 33 zero bytes (docs/crypto.md §2).
  encode: (point) => (point.is0() ? P256_IDENTITY_ENCODING.slice() : point.toBytes()),
  ...scalarCodec(p256Order, false),
  hashToGroup: (message, dst) => p256_hasher.hashToCurve(message, { DST: dst }) as unknown as Point,
  multiply: (base, scalar) => base.multiplyUnsafe(scalar),
};

export function groupByName(name: unknown): Group | null {
  if (name === 'ristretto255') return ristretto255Group;
  if (name === 'p256') return p256Group;
  return null;
}

/** Decodes the concatenation of `count` elements; the first failure is returned with its position. */
export function decodeElements(group: Group, bytes: Uint8Array): Point[] | { position: number; reason: string } {
  const L = group.elementLength;
  if (bytes.length % L !== 0) return { position: Math.floor(bytes.length / L), reason: `length ${bytes.length} is not a multiple of ${L}` };
  const out: Point[] = [];
  for (let i = 0; i < bytes.length / L; i++) {
    const p = group.decode(bytes.subarray(i * L, (i + 1) * L));
    if (typeof p === 'string') return { position: i, reason: p };
    out.push(p);
  }
  return out;
}

/** A point as plain data (affine coordinates) to cross a worker boundary; the identity included. */
export type TransferPoint = [bigint, bigint];

export function toTransfer(point: Point): TransferPoint {
  const { x, y } = (point as unknown as { toAffine(): { x: bigint; y: bigint } }).toAffine();
  return [x, y];
}

export function fromTransfer(group: Group, [x, y]: TransferPoint): Point {
  const cls = group.name === 'ristretto255' ? Ristretto : P256;
  return (cls as unknown as { fromAffine(a: { x: bigint; y: bigint }): Point }).fromAffine({ x, y });
}

import { normalizeZ } from '@noble/curves/abstract/curve.js';
import { p256, p256_hasher } from '@noble/curves/nist.js';
import { bytesToBigIntBE } from '../bytes.js';
import { DecodeError } from '../errors.js';
import type { Group } from './group.js';
import { curveKernels } from './curve-kernels.js';
import { nobleGroup, type CurveCodec } from './noble-group.js';
import { makeScalarField } from './scalar-field.js';
import { weierstrassArithmetic } from './weierstrass-arithmetic.js';

const Point = p256.Point;
type P256Point = InstanceType<typeof Point>;

const FIELD_PRIME = Point.Fp.ORDER;
const EMBED_CAPACITY = 30;

const codec: CurveCodec<P256Point> = {
  name: 'p256',
  elementLength: 33,
  embeddingCapacity: EMBED_CAPACITY,
  decode(bytes, field) {
    // SEC1 compressed form only: 0x02 or 0x03, then x as 32 big-endian bytes, x < p.
    if (bytes.every((b) => b === 0)) throw new DecodeError('IDENTITY', field, 'the identity element is not allowed');
    if (bytes[0] !== 0x02 && bytes[0] !== 0x03)
      throw new DecodeError('NON_CANONICAL', field, 'expected a compressed point (prefix 02 or 03)');
    if (bytesToBigIntBE(bytes.subarray(1)) >= FIELD_PRIME)
      throw new DecodeError('NON_CANONICAL', field, 'x is not a canonical field element');
    try {
      // P-256 has cofactor 1: every curve point is in the group.
      return Point.fromBytes(bytes);
    } catch {
      throw new DecodeError('NOT_ON_CURVE', field, 'x is not the coordinate of a P-256 point');
    }
  },
  encode: (point) => point.toBytes(true),
  encodeMany(list) {
    // One shared inversion for the affine x of every point (Montgomery's trick), then SEC1.
    const out = new Uint8Array(33 * list.length);
    normalizeZ(Point, list as P256Point[]).forEach((p, i) => {
      if (!p.is0()) out.set(p.toBytes(true), 33 * i);
    });
    return out;
  },
  // RFC 9380 P256_XMD:SHA-256_SSWU_RO_.
  hashToElement: (message, dst) => p256_hasher.hashToCurve(message, { DST: dst }),
  embed(chunk) {
    // Candidate: 02 || 00 || data (30 bytes) || counter; x < 2^248 < p, and half of all x are
    // on the curve, so 256 counters fail with probability 2^-256.
    const candidate = new Uint8Array(33);
    candidate[0] = 0x02;
    candidate.set(chunk, 2);
    for (let counter = 0; counter < 256; counter++) {
      candidate[32] = counter;
      try {
        return Point.fromBytes(candidate);
      } catch {
        // x³ + ax + b is not a square: try the next counter.
      }
    }
    throw new DecodeError('BAD_EMBEDDING', 'chunk', 'no counter gives a curve point');
  },
  extract(point, field) {
    const bytes = point.is0() ? new Uint8Array(33) : point.toBytes(true);
    if (bytes[0] !== 0x02 || bytes[1] !== 0x00)
      throw new DecodeError('BAD_EMBEDDING', field, 'element is not a plaintext embedding');
    return bytes.slice(2, 2 + EMBED_CAPACITY);
  },
};

const identityMap = (p: P256Point): P256Point => p;

/** An element of P-256, opaque outside the group implementation. */
export type P256Element = { readonly __group: 'p256' };

/** NIST P-256 with SEC1 compressed points. Scalars are 32-byte big-endian. */
export const p256Group = nobleGroup(
  Point,
  codec,
  makeScalarField(Point.Fn.ORDER, 32, 'be'),
  curveKernels(weierstrassArithmetic(Point), Point.Fn.ORDER, identityMap, identityMap),
) as unknown as Group<P256Element>;

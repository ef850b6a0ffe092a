import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToBigIntLE } from '../bytes.js';
import { DecodeError } from '../errors.js';
import { curveKernels } from './curve-kernels.js';
import { edwardsArithmetic } from './ed25519/arithmetic.js';
import { fromNoble, toNoble } from './ed25519/noble-bridge.js';
import { decodeRistretto, encodeDoubledRistretto, encodeRistretto, ristrettoFromUniform } from './ed25519/ristretto-codec.js';
import type { Group } from './group.js';
import { nobleGroup, type CurveCodec } from './noble-group.js';
import { makeScalarField } from './scalar-field.js';

const Point = ristretto255.Point;
type RistrettoPoint = InstanceType<typeof Point>;

const FIELD_PRIME = 2n ** 255n - 19n;
const EMBED_CAPACITY = 30;
/** Counter values available to try-and-increment: 7 bits in byte 0, 7 bits in byte 31. */
const EMBED_TRIES = 1 << 14;

/** RFC 9496 §4.3.4 element derivation from 64 uniform bytes (two Elligator maps, added). */
function fromUniform(bytes: Uint8Array): RistrettoPoint {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 64) throw new RangeError('fromUniformBytes needs 64 bytes');
  return toNoble(ristrettoFromUniform(bytes));
}

const DECODE_FAILURES = {
  NON_CANONICAL: ['NON_CANONICAL', 'not a canonical field element'],
  NEGATIVE: ['NON_CANONICAL', 'negative field element'],
  NOT_IN_GROUP: ['NOT_IN_GROUP', 'not the encoding of a ristretto255 element'],
  IDENTITY: ['IDENTITY', 'the identity element is not allowed'],
} as const;

/** The encodings of a list, written into one buffer (the identity encodes as zeros). */
function encodeList(list: readonly RistrettoPoint[]): Uint8Array {
  const out = new Uint8Array(32 * list.length);
  for (let i = 0; i < list.length; i++) encodeRistretto(fromNoble(list[i]), out, 32 * i);
  return out;
}

const codec: CurveCodec<RistrettoPoint> = {
  name: 'ristretto255',
  elementLength: 32,
  embeddingCapacity: EMBED_CAPACITY,
  decode(bytes, field) {
    // RFC 9496 §4.3.1, with the reason of a refusal: a non-canonical or negative field element,
    // a point off the group, or the identity (ed25519/ristretto-codec.ts; cross-checked against
    // @noble/curves and the RFC vectors in the tests).
    const point = decodeRistretto(bytes);
    if (typeof point === 'string') throw new DecodeError(DECODE_FAILURES[point][0], field, DECODE_FAILURES[point][1]);
    return toNoble(point);
  },
  encode: (point) => encodeList([point]),
  encodeMany: encodeList,
  encodeManyDoubled(list) {
    const out = new Uint8Array(32 * list.length);
    encodeDoubledRistretto(list.map(fromNoble), out);
    return out;
  },
  // hash_to_ristretto255 (RFC 9380 Appendix B): 64 bytes of expand_message_xmd with SHA-512,
  // then the RFC 9496 §4.3.4 one-way map.
  hashToElement: (message, dst) => fromUniform(expand_message_xmd(message, dst, 64, sha512)),
  embed(chunk) {
    // Candidate encoding: byte 0 = counter low 7 bits << 1 (bit 0 stays 0: non-negative),
    // bytes 1..30 = data, byte 31 = counter high 7 bits (bit 7 stays 0: below 2^255).
    const candidate = new Uint8Array(32);
    candidate.set(chunk, 1);
    for (let counter = 0; counter < EMBED_TRIES; counter++) {
      candidate[0] = (counter & 0x7f) << 1;
      candidate[31] = counter >> 7;
      if (bytesToBigIntLE(candidate) >= FIELD_PRIME) continue;
      try {
        const point = Point.fromBytes(candidate);
        if (!point.is0()) return point;
      } catch {
        // Not a valid encoding: try the next counter (about 1 in 4 candidates decodes).
      }
    }
    throw new DecodeError('BAD_EMBEDDING', 'chunk', 'no counter gives a group element');
  },
  extract: (point) => point.toBytes().slice(1, 1 + EMBED_CAPACITY),
};

/** RFC 9496 §4.3.4 element derivation, exposed for known-answer tests. */
export const ristretto255FromUniformBytes = fromUniform as unknown as (bytes: Uint8Array) => RistrettoElement;

/** An element of ristretto255, opaque outside the group implementation. */
export type RistrettoElement = { readonly __group: 'ristretto255' };

/** ristretto255 (RFC 9496), ostraka's default group. Scalars are 32-byte little-endian. */
export const ristretto255Group = nobleGroup(
  Point,
  codec,
  makeScalarField(Point.Fn.ORDER, 32, 'le'),
  curveKernels(edwardsArithmetic, Point.Fn.ORDER, fromNoble, toNoble),
) as unknown as Group<RistrettoElement>;

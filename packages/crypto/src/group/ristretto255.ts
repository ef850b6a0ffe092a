import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToBigIntLE } from '../bytes.js';
import { DecodeError } from '../errors.js';
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
  return ristretto255_hasher.deriveToCurve!(bytes);
}

const codec: CurveCodec<RistrettoPoint> = {
  name: 'ristretto255',
  elementLength: 32,
  embeddingCapacity: EMBED_CAPACITY,
  decode(bytes, field) {
    // RFC 9496 §4.3.1: the encoding must be a canonical, non-negative field element. We check
    // these two first so that the error says which rule failed.
    const s = bytesToBigIntLE(bytes);
    if (s >= FIELD_PRIME) throw new DecodeError('NON_CANONICAL', field, 'not a canonical field element');
    if ((bytes[0] & 1) === 1) throw new DecodeError('NON_CANONICAL', field, 'negative field element');
    let point: RistrettoPoint;
    try {
      point = Point.fromBytes(bytes);
    } catch {
      throw new DecodeError('NOT_IN_GROUP', field, 'not the encoding of a ristretto255 element');
    }
    if (point.is0()) throw new DecodeError('IDENTITY', field, 'the identity element is not allowed');
    return point;
  },
  encode: (point) => point.toBytes(),
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
) as unknown as Group<RistrettoElement>;

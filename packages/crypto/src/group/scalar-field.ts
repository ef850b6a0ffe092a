import { bigIntToBytesBE, bigIntToBytesLE, bytesToBigIntBE, bytesToBigIntLE, checkBytes } from '../bytes.js';
import { DecodeError } from '../errors.js';
import { csprng, type RandomSource } from '../random.js';
import type { ScalarField } from './group.js';

/** The scalar field modulo a prime `order`, with the byte order of its group's convention. */
export function makeScalarField(order: bigint, length: number, endian: 'le' | 'be'): ScalarField {
  const bits = order.toString(2).length;
  const toBytes = endian === 'le' ? bigIntToBytesLE : bigIntToBytesBE;
  const fromBytes = endian === 'le' ? bytesToBigIntLE : bytesToBigIntBE;
  const reduce = (a: bigint): bigint => {
    const r = a % order;
    return r < 0n ? r + order : r;
  };
  // Rejection sampling: draw `bits` random bits, keep the value only if it is below q.
  // For both groups q > 2^(bits-1), so at most two draws are expected.
  const topMask = (1 << (bits - 8 * (length - 1))) - 1;
  const random = (rng: RandomSource = csprng): bigint => {
    for (;;) {
      const bytes = rng(length);
      // Big-endian view: the first byte holds the top bits.
      bytes[0] &= topMask;
      const k = bytesToBigIntBE(bytes);
      if (k < order) return k;
    }
  };
  return {
    order,
    bits,
    length,
    add: (a, b) => reduce(a + b),
    subtract: (a, b) => reduce(a - b),
    multiply: (a, b) => reduce(a * b),
    negate: (a) => reduce(-a),
    invert(a) {
      a = reduce(a);
      if (a === 0n) throw new RangeError('cannot invert the zero scalar');
      // Extended Euclid: faster than a^(q-2) in BigInt arithmetic.
      let [r0, r1, s0, s1] = [order, a, 0n, 1n];
      while (r1 !== 0n) {
        const quotient = r0 / r1;
        [r0, r1] = [r1, r0 - quotient * r1];
        [s0, s1] = [s1, s0 - quotient * s1];
      }
      return reduce(s0);
    },
    reduce,
    random,
    randomNonZero(rng = csprng) {
      for (;;) {
        const k = random(rng);
        if (k !== 0n) return k;
      }
    },
    fromUniformBytes(bytes) {
      if (bytes.length < length + 16) throw new RangeError(`fromUniformBytes needs at least ${length + 16} bytes`);
      return reduce(fromBytes(bytes));
    },
    encode: (a) => toBytes(reduce(a), length),
    decode(bytes, field = 'scalar') {
      checkBytes(bytes, field, length);
      const k = fromBytes(bytes);
      if (k >= order) throw new DecodeError('SCALAR_OUT_OF_RANGE', field, 'scalar is not below the group order');
      return k;
    },
  };
}

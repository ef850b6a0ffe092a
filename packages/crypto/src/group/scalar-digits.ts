/**
 * Scalar recodings for the bulk algorithms. Scalars are non-negative integers below 2^256,
 * read as ten 32-bit little-endian words (the last two are zero: room for windows that run
 * past bit 256).
 */
export const SCALAR_WORDS = 10;

export function scalarWords(k: bigint, out: Uint32Array = new Uint32Array(SCALAR_WORDS)): Uint32Array {
  if (k < 0n || k >> 256n !== 0n) throw new RangeError('scalar out of range');
  for (let i = 0; i < 8; i++) {
    out[i] = Number(k & 0xffffffffn);
    k >>= 32n;
  }
  out[8] = 0;
  out[9] = 0;
  return out;
}

/** `c` ≤ 16 bits of the words starting at bit `position`. */
function bitsAt(words: Uint32Array, position: number, c: number): number {
  const w = position >>> 5;
  const shift = position & 31;
  let v = words[w] >>> shift;
  // Whether the window straddles two words depends on its position only, never on the scalar.
  if (shift + c > 32) v |= words[w + 1] << (32 - shift);
  return v & ((1 << c) - 1);
}

/**
 * The number of signed base-2^c digits that represent every scalar below 2^bits: the top digit
 * holds at most 2^(bits − c·(m−1)) − 1 plus a carry, which must stay below 2^(c−1), so
 * c·m ≥ bits + 2.
 */
export function signedDigitCount(bits: number, c: number): number {
  return Math.ceil((bits + 2) / c);
}

/**
 * Signed base-2^c digits d_j in [−2^(c−1), 2^(c−1)) with k = Σ d_j·2^(c·j), written to
 * out[offset .. offset + count). The operations performed do not depend on k's value (the carry
 * is computed arithmetically), so secret scalars can be recoded.
 */
export function signedDigits(words: Uint32Array, c: number, count: number, out: Int32Array, offset = 0): void {
  const half = 1 << (c - 1);
  let carry = 0;
  for (let j = 0; j < count; j++) {
    const position = c * j;
    const raw = bitsAt(words, position, c);
    const d = raw + carry;
    carry = (d + half) >> c;
    out[offset + j] = d - (carry << c);
  }
}

/**
 * Width-w non-adjacent form (variable time, public scalars only): odd digits in
 * (−2^(w−1), 2^(w−1)), any two non-zero digits at least w positions apart, at positions below
 * 257 (`out` needs 257 entries). Returns the highest non-zero position, −1 for zero.
 */
export function wnaf(words: Uint32Array, w: number, out: Int8Array): number {
  out.fill(0);
  const width = 1 << w;
  let carry = 0;
  let top = -1;
  let position = 0;
  while (position < 257) {
    const window = carry + bitsAt(words, position, w);
    if ((window & 1) === 0) {
      position++;
      continue;
    }
    if (window < width / 2) {
      carry = 0;
      out[position] = window;
    } else {
      carry = 1;
      out[position] = window - width;
    }
    top = position;
    position += w;
  }
  return top;
}

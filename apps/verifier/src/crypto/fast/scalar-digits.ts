/**
 * Recodings of public scalars for the multi-scalar algorithms: the bits of a scalar, its width-w
 * NAF (odd digits in (−2^(w−1), 2^(w−1)), at most one non-zero in any w consecutive positions),
 * and signed radix-2^c digits in (−2^(c−1), 2^(c−1)] for bucket methods. Numbers, not bigints, in
 * the loops.
 */

/** Bits of `k` (0 ≤ k < 2^bits), least significant first, with `extra` zero positions above. */
export function scalarBits(k: bigint, bits: number, extra = 0): Uint8Array {
  const out = new Uint8Array(bits + extra);
  const hex = k.toString(16);
  for (let i = 0; i < hex.length; i++) {
    const nibble = parseInt(hex[hex.length - 1 - i], 16);
    for (let b = 0; b < 4 && 4 * i + b < bits; b++) out[4 * i + b] = (nibble >> b) & 1;
  }
  return out;
}

/** Width-w NAF of k: `digits[i]` multiplies 2^i; length bits + 1. */
export function wnaf(k: bigint, w: number, bits: number): Int8Array {
  const b = scalarBits(k, bits, w + 2);
  const digits = new Int8Array(bits + 1);
  const half = 1 << (w - 1);
  const full = 1 << w;
  let i = 0;
  while (i < bits + 1) {
    if (b[i] === 0) {
      i++;
      continue;
    }
    let v = 0;
    for (let j = 0; j < w; j++) v |= b[i + j] << j;
    for (let j = 0; j < w; j++) b[i + j] = 0;
    if (v >= half) {
      v -= full;
      let pos = i + w;
      while (b[pos] === 1) b[pos++] = 0;
      b[pos] = 1;
    }
    digits[i] = v;
    i += w;
  }
  return digits;
}

/** Signed radix-2^c digits of k, ceil((bits + 1) / c) of them, least significant first. */
export function signedDigits(k: bigint, c: number, bits: number): Int32Array {
  const windows = Math.ceil((bits + 1) / c);
  const b = scalarBits(k, bits, windows * c - bits);
  const out = new Int32Array(windows);
  const half = 1 << (c - 1);
  let carry = 0;
  for (let w = 0; w < windows; w++) {
    let v = carry;
    for (let j = 0; j < c; j++) v += b[w * c + j] << j;
    if (v > half) {
      v -= 1 << c;
      carry = 1;
    } else carry = 0;
    out[w] = v;
  }
  return out;
}

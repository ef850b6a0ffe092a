import { prfBytes } from './prf.js';

/**
 * The secret permutation ψ of a shuffle, from its key: Fisher–Yates over [0, n) driven by the
 * PRF stream, with uniform integers by rejection (docs/crypto.md §9.6). Output i of the
 * shuffle is a re-encryption of input ψ[i].
 */
export function generatePermutation(key: Uint8Array, n: number): Uint32Array {
  const psi = new Uint32Array(n);
  for (let i = 0; i < n; i++) psi[i] = i;
  const words = new PrfWords(key);
  for (let m = n - 1; m >= 1; m--) {
    const bound = m + 1;
    // Reject the top 2^32 mod bound values so that x mod bound is uniform.
    const limit = 2 ** 32 - (2 ** 32 % bound);
    let x: number;
    do x = words.next();
    while (x >= limit);
    const j = x % bound;
    const t = psi[m];
    psi[m] = psi[j];
    psi[j] = t;
  }
  return psi;
}

/** ψ^{-1}: inverse[ψ[i]] = i. */
export function invertPermutation(psi: Uint32Array): Uint32Array {
  const inverse = new Uint32Array(psi.length);
  for (let i = 0; i < psi.length; i++) inverse[psi[i]] = i;
  return inverse;
}

/** Big-endian 32-bit words of PRF(key, "permutation", 0) ‖ PRF(key, "permutation", 1) ‖ … */
class PrfWords {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private counter = 0;
  constructor(private readonly key: Uint8Array) {}

  next(): number {
    if (this.offset === this.block.length) {
      this.block = prfBytes(this.key, 'permutation', this.counter++);
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  }
}

/**
 * Arithmetic in GF(2^255 − 19) on bigints, for the bulk kernels of ristretto255.
 *
 * Why not noble's field: a product reduced with `%` costs ~190 ns in V8, while folding the high
 * part twice with 2^255 ≡ 19 costs ~120 ns. Values are therefore kept *loosely* reduced: any
 * bigint of magnitude below ~2^258, possibly negative, stands for its class mod p. `mul` and
 * `sqr` accept such inputs (sums and differences of a few reduced values) and return a value of
 * magnitude below 2^255 + 2^15; `canonical` gives the representative in [0, p) where one is
 * needed (encodings, comparisons, parity).
 *
 * None of these functions branch on their inputs' values except `canonical`'s final
 * correction and the explicit predicates (`isZero`, `isNegative`).
 */
export const P = 2n ** 255n - 19n;
const MASK = (1n << 255n) - 1n;

export function mul(a: bigint, b: bigint): bigint {
  const x = a * b;
  const y = (x & MASK) + 19n * (x >> 255n);
  return (y & MASK) + 19n * (y >> 255n);
}

export function sqr(a: bigint): bigint {
  const x = a * a;
  const y = (x & MASK) + 19n * (x >> 255n);
  return (y & MASK) + 19n * (y >> 255n);
}

/** a^(2^k). */
export function pow2k(a: bigint, k: number): bigint {
  let x = a;
  for (let i = 0; i < k; i++) {
    const t = x * x;
    const y = (t & MASK) + 19n * (t >> 255n);
    x = (y & MASK) + 19n * (y >> 255n);
  }
  return x;
}

/** The representative in [0, p). */
export function canonical(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

export function isZero(a: bigint): boolean {
  return a % P === 0n;
}

/** RFC 9496 IS_NEGATIVE: the canonical representative is odd. */
export function isNegative(a: bigint): boolean {
  return (canonical(a) & 1n) === 1n;
}

/** |a| in the RFC 9496 sense: the non-negative one of ±a. */
export function abs(a: bigint): bigint {
  const c = canonical(a);
  return (c & 1n) === 1n ? P - c : c;
}

export function equal(a: bigint, b: bigint): boolean {
  return (a - b) % P === 0n;
}

/** (z^(2^250 − 1), z^11): the common prefix of inversion and square roots (ref10's pow22501). */
function pow22501(z: bigint): [bigint, bigint] {
  const z2 = sqr(z);
  const z9 = mul(pow2k(z2, 2), z);
  const z11 = mul(z9, z2);
  const z2_5_0 = mul(sqr(z11), z9);
  const z2_10_0 = mul(pow2k(z2_5_0, 5), z2_5_0);
  const z2_20_0 = mul(pow2k(z2_10_0, 10), z2_10_0);
  const z2_40_0 = mul(pow2k(z2_20_0, 20), z2_20_0);
  const z2_50_0 = mul(pow2k(z2_40_0, 10), z2_10_0);
  const z2_100_0 = mul(pow2k(z2_50_0, 50), z2_50_0);
  const z2_200_0 = mul(pow2k(z2_100_0, 100), z2_100_0);
  const z2_250_0 = mul(pow2k(z2_200_0, 50), z2_50_0);
  return [z2_250_0, z11];
}

/** z^(p − 2) = 1/z (and 0 for 0). */
export function invert(z: bigint): bigint {
  const [t, z11] = pow22501(z);
  return mul(pow2k(t, 5), z11);
}

/** z^((p − 5)/8) = z^(2^252 − 3). */
function powP58(z: bigint): bigint {
  const [t] = pow22501(z);
  return mul(pow2k(t, 2), z);
}

/** sqrt(−1). */
export const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;

/**
 * RFC 9496 SQRT_RATIO_M1(u, v): (true, +sqrt(u/v)) if u/v is a square, else (false, +sqrt(i·u/v));
 * (true, 0) when u = 0 and (false, 0) when v = 0.
 */
export function sqrtRatioM1(u: bigint, v: bigint): { wasSquare: boolean; root: bigint } {
  const v3 = mul(sqr(v), v);
  const v7 = mul(sqr(v3), v);
  let r = mul(mul(u, v3), powP58(mul(u, v7)));
  const check = mul(v, sqr(r));
  const correct = equal(check, u);
  const flipped = equal(check, -u);
  const flippedI = equal(check, mul(-u, SQRT_M1));
  if (flipped || flippedI) r = mul(r, SQRT_M1);
  return { wasSquare: correct || flipped, root: abs(r) };
}

/** Inverts every element with one field inversion (Montgomery's trick); zeros stay zero. */
export function invertMany(values: readonly bigint[]): bigint[] {
  const n = values.length;
  const prefix: bigint[] = new Array(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    prefix[i] = acc;
    if (!isZero(values[i])) acc = mul(acc, values[i]);
  }
  let inv = invert(acc);
  const out: bigint[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (isZero(values[i])) {
      out[i] = 0n;
      continue;
    }
    out[i] = mul(inv, prefix[i]);
    inv = mul(inv, values[i]);
  }
  return out;
}

/** 32 bytes little-endian at `offset` as an integer (no reduction). */
export function fromBytesLE(bytes: Uint8Array, offset = 0): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 32);
  return (
    (view.getBigUint64(24, true) << 192n) |
    (view.getBigUint64(16, true) << 128n) |
    (view.getBigUint64(8, true) << 64n) |
    view.getBigUint64(0, true)
  );
}

const U64 = (1n << 64n) - 1n;

/** Writes the canonical representative of a, 32 bytes little-endian, at `offset`. */
export function toBytesLE(a: bigint, out: Uint8Array, offset = 0): void {
  const c = canonical(a);
  const view = new DataView(out.buffer, out.byteOffset + offset, 32);
  view.setBigUint64(0, c & U64, true);
  view.setBigUint64(8, (c >> 64n) & U64, true);
  view.setBigUint64(16, (c >> 128n) & U64, true);
  view.setBigUint64(24, c >> 192n, true);
}

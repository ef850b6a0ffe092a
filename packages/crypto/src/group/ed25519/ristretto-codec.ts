import { abs, fromBytesLE, invertMany, isNegative, isZero, mul, P, SQRT_M1, sqr, sqrtRatioM1, toBytesLE } from './field.js';
import { add, D, Ext } from './point.js';

/**
 * RFC 9496 encoding, decoding and element derivation on the kernels' own points, plus the
 * batched "double and encode" of curve25519-dalek: the fast paths behind ristretto255's group
 * interface, tested against @noble/curves and the RFC vectors.
 */

const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;
const SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235n;
const ONE_MINUS_D_SQ = 1159843021668779879193775521855586647937357759715417654439879720876111806838n;
const D_MINUS_ONE_SQ = 40440834346308536858101042469323190826248399146238708352240133220865137265952n;
const MASK_255 = (1n << 255n) - 1n;

export type RistrettoDecodeFailure = 'NON_CANONICAL' | 'NEGATIVE' | 'NOT_IN_GROUP' | 'IDENTITY';

/** RFC 9496 §4.3.1 on the 32 bytes at `offset`; a failure says which rule refused them. */
export function decodeRistretto(bytes: Uint8Array, offset = 0): Ext | RistrettoDecodeFailure {
  const s = fromBytesLE(bytes, offset);
  if (s >= P) return 'NON_CANONICAL';
  if ((s & 1n) === 1n) return 'NEGATIVE';
  if (s === 0n) return 'IDENTITY';
  const ss = sqr(s);
  const u1 = 1n - ss;
  const u2 = 1n + ss;
  const u2sq = sqr(u2);
  const v = -mul(D, sqr(u1)) - u2sq;
  const { wasSquare, root: invsqrt } = sqrtRatioM1(1n, mul(v, u2sq));
  const denX = mul(invsqrt, u2);
  const denY = mul(mul(invsqrt, denX), v);
  const x = abs(mul(2n * s, denX));
  const y = mul(u1, denY);
  const t = mul(x, y);
  if (!wasSquare || isNegative(t) || isZero(y)) return 'NOT_IN_GROUP';
  return new Ext(x, y, 1n, t);
}

/** RFC 9496 §4.3.2, written at `offset` of `out` (the identity encodes as zeros). */
export function encodeRistretto(p: Ext, out: Uint8Array, offset = 0): void {
  const u1 = mul(p.Z + p.Y, p.Z - p.Y);
  const u2 = mul(p.X, p.Y);
  const { root: invsqrt } = sqrtRatioM1(1n, mul(u1, sqr(u2)));
  const den1 = mul(invsqrt, u1);
  const den2 = mul(invsqrt, u2);
  const zInv = mul(mul(den1, den2), p.T);
  const rotate = isNegative(mul(p.T, zInv));
  const x = rotate ? mul(p.Y, SQRT_M1) : p.X;
  let y = rotate ? mul(p.X, SQRT_M1) : p.Y;
  const denInv = rotate ? mul(den1, INVSQRT_A_MINUS_D) : den2;
  if (isNegative(mul(x, zInv))) y = -y;
  toBytesLE(abs(mul(denInv, p.Z - y)), out, offset);
}

/**
 * The encodings of 2·P for every P, with one field inversion for the whole batch instead of an
 * inverse square root per element (curve25519-dalek's `double_and_compress_batch`): doubling
 * makes the square root of the encoding formula explicit. A point whose double is the identity
 * has e·f·g·h = 0 and encodes as zeros, like the identity.
 */
export function encodeDoubledRistretto(points: readonly Ext[], out: Uint8Array, offset = 0): void {
  const n = points.length;
  const e: bigint[] = new Array(n);
  const f: bigint[] = new Array(n);
  const g: bigint[] = new Array(n);
  const h: bigint[] = new Array(n);
  const eg: bigint[] = new Array(n);
  const fh: bigint[] = new Array(n);
  const products: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { X, Y, Z, T } = points[i];
    const xx = sqr(X);
    const yy = sqr(Y);
    const zz = sqr(Z);
    const dtt = mul(sqr(T), D);
    e[i] = mul(X, 2n * Y);
    f[i] = zz + dtt;
    g[i] = yy + xx;
    h[i] = zz - dtt;
    eg[i] = mul(e[i], g[i]);
    fh[i] = mul(f[i], h[i]);
    products[i] = mul(eg[i], fh[i]);
  }
  const inverses = invertMany(products);
  for (let i = 0; i < n; i++) {
    const zInv = mul(eg[i], inverses[i]);
    const tInv = mul(fh[i], inverses[i]);
    let [ei, gi, hi, magic] = [e[i], g[i], h[i], INVSQRT_A_MINUS_D];
    if (isNegative(mul(eg[i], zInv))) {
      [ei, gi, hi, magic] = [g[i], -e[i], mul(f[i], SQRT_M1), SQRT_M1];
    }
    if (isNegative(mul(mul(hi, ei), zInv))) gi = -gi;
    const s = mul(hi - gi, mul(magic, mul(gi, tInv)));
    toBytesLE(abs(s), out, offset + 32 * i);
  }
}

/** RFC 9496 §4.3.4 MAP (the Elligator 2 map of ristretto255). */
function elligator(t: bigint): Ext {
  const r = mul(SQRT_M1, sqr(t));
  const u = mul(r + 1n, ONE_MINUS_D_SQ);
  const v = mul(-1n - mul(r, D), r + D);
  const { wasSquare, root } = sqrtRatioM1(u, v);
  const s = wasSquare ? root : -abs(mul(root, t));
  const c = wasSquare ? -1n : r;
  const nt = mul(mul(c, r - 1n), D_MINUS_ONE_SQ) - v;
  const s2 = sqr(s);
  const w0 = mul(2n * s, v);
  const w1 = mul(nt, SQRT_AD_MINUS_ONE);
  const w2 = 1n - s2;
  const w3 = 1n + s2;
  return new Ext(mul(w0, w3), mul(w2, w1), mul(w1, w3), mul(w0, w2));
}

/** RFC 9496 §4.3.4 element derivation from 64 uniform bytes. */
export function ristrettoFromUniform(bytes: Uint8Array): Ext {
  const r0 = fromBytesLE(bytes, 0) & MASK_255;
  const r1 = fromBytesLE(bytes, 32) & MASK_255;
  return add(elligator(r0), elligator(r1));
}


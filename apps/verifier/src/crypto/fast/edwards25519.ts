/**
 * ristretto255 arithmetic on edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z,
 * T = XY/Z, with the complete unified formulas for a = −1 (Hisil, Wong, Carter, Dawson 2008:
 * add-2008-hwcd-3 and dbl-2008-hwcd). Field elements are bigints reduced mod p = 2^255 − 19 after
 * every product; sums and differences stay non-negative below a few p until the next product.
 *
 * A ristretto255 element is a coset of edwards25519 points; any representative works for
 * arithmetic, and encoding (RFC 9496 §4.3.2, from noble's formulas) yields the canonical bytes.
 */
import { createHash } from 'node:crypto';
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import type { Point } from '../group.js';
import type { CurveOps } from './curve-ops.js';

const p = 2n ** 255n - 19n;
const p2 = 2n * p;
const D2 = (2n * ((-121665n * inv(121666n)) % p + p)) % p;
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;
const INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578n;
const D = (((-121665n * inv(121666n)) % p) + p) % p;

function pow(x: bigint, e: bigint): bigint {
  let r = 1n;
  let b = x % p;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % p;
    b = (b * b) % p;
    e >>= 1n;
  }
  return r;
}

function inv(x: bigint): bigint {
  return pow(((x % p) + p) % p, p - 2n);
}

export interface Ed {
  X: bigint;
  Y: bigint;
  Z: bigint;
  T: bigint;
}

/** Cached form of a point Q for Q being added many times: Y−X, Y+X, 2d·T, 2Z. */
export interface EdCached {
  ymx: bigint;
  ypx: bigint;
  t2d: bigint;
  z2: bigint;
  /** Z = 1 (a decoded point): 2·Z1·Z2 is an addition, not a product. */
  affine: boolean;
}

const ZERO: Ed = { X: 0n, Y: 1n, Z: 1n, T: 0n };

/**
 * Partial reduction mod p = 2^255 − 19 of a non-negative product: x = lo + 2^255·hi ≡ lo + 19·hi,
 * twice. The result is below 2^255 + 2^13 (< 2p), not necessarily below p: fine as an input of the
 * next product, and every comparison or encoding reduces with `% p` first. About a quarter faster
 * than `% p` on V8's bigints, and the point operations below are nothing but products.
 */
function fold(x: bigint): bigint {
  x = BigInt.asUintN(255, x) + 19n * (x >> 255n);
  return BigInt.asUintN(255, x) + 19n * (x >> 255n);
}

// Inputs of the operations are below 2p (see fold); differences add 2p or 4p to stay non-negative.
const p4 = 4n * p;

function add(a: Ed, b: Ed): Ed {
  const A = fold((a.Y - a.X + p2) * (b.Y - b.X + p2));
  const B = fold((a.Y + a.X) * (b.Y + b.X));
  const C = fold(fold(a.T * D2) * b.T);
  const Dd = fold(2n * a.Z * b.Z);
  const E = B - A + p2;
  const F = Dd - C + p2;
  const G = Dd + C;
  const H = B + A;
  return { X: fold(E * F), Y: fold(G * H), Z: fold(F * G), T: fold(E * H) };
}

function addCached(a: Ed, c: EdCached): Ed {
  const A = fold((a.Y - a.X + p2) * c.ymx);
  const B = fold((a.Y + a.X) * c.ypx);
  const C = fold(a.T * c.t2d);
  const Dd = c.affine ? a.Z + a.Z : fold(a.Z * c.z2);
  const E = B - A + p2;
  const F = Dd - C + p2;
  const G = Dd + C;
  const H = B + A;
  return { X: fold(E * F), Y: fold(G * H), Z: fold(F * G), T: fold(E * H) };
}

function subCached(a: Ed, c: EdCached): Ed {
  const A = fold((a.Y - a.X + p2) * c.ypx);
  const B = fold((a.Y + a.X) * c.ymx);
  const C = fold(a.T * c.t2d);
  const Dd = c.affine ? a.Z + a.Z : fold(a.Z * c.z2);
  const E = B - A + p2;
  const F = Dd + C;
  const G = Dd - C + p2;
  const H = B + A;
  return { X: fold(E * F), Y: fold(G * H), Z: fold(F * G), T: fold(E * H) };
}

function double(a: Ed): Ed {
  const A = fold(a.X * a.X);
  const B = fold(a.Y * a.Y);
  const C = fold(2n * a.Z * a.Z);
  const s = a.X + a.Y;
  const E = fold(s * s - A - B + p4);
  const G = B - A + p2; // D + B with D = −A
  const F = G - C + p2;
  const H = p4 - A - B; // D − B
  return { X: fold(E * F), Y: fold(G * H), Z: fold(F * G), T: fold(E * H) };
}

/** Doubling without T (the next operation is a doubling, which does not read T). */
function doubleLazy(a: Ed): Ed {
  const A = fold(a.X * a.X);
  const B = fold(a.Y * a.Y);
  const C = fold(2n * a.Z * a.Z);
  const s = a.X + a.Y;
  const E = fold(s * s - A - B + p4);
  const G = B - A + p2;
  const F = G - C + p2;
  const H = p4 - A - B;
  return { X: fold(E * F), Y: fold(G * H), Z: fold(F * G), T: 0n };
}

function cache(a: Ed): EdCached {
  return { ymx: fold(a.Y - a.X + p2), ypx: fold(a.Y + a.X), t2d: fold(a.T * D2), z2: fold(2n * a.Z), affine: a.Z === 1n };
}

const isNegative = (x: bigint) => (x % p & 1n) === 1n;

/** x^(2^n) (n squarings, the counter a number; partially reduced, see fold). */
function sqn(x: bigint, n: number): bigint {
  for (let i = 0; i < n; i++) x = fold(x * x);
  return x;
}

/** x^((p−5)/8) = x^(2^252 − 3), by the usual addition chain. */
function powP58(x: bigint): bigint {
  const x2 = (x * x) % p;
  const b2 = (x2 * x) % p;
  const b4 = (sqn(b2, 2) * b2) % p;
  const b5 = (sqn(b4, 1) * x) % p;
  const b10 = (sqn(b5, 5) * b5) % p;
  const b20 = (sqn(b10, 10) * b10) % p;
  const b40 = (sqn(b20, 20) * b20) % p;
  const b80 = (sqn(b40, 40) * b40) % p;
  const b160 = (sqn(b80, 80) * b80) % p;
  const b240 = (sqn(b160, 80) * b80) % p;
  const b250 = (sqn(b240, 10) * b10) % p;
  return (sqn(b250, 2) * x) % p;
}

/** RFC 9496 §4.2 SQRT_RATIO_M1(u, v): whether u/v is a square, and the non-negative root (or of i·u/v). */
function sqrtRatio(u: bigint, v: bigint): { square: boolean; root: bigint } {
  const v3 = (((v * v) % p) * v) % p;
  const v7 = (((v3 * v3) % p) * v) % p;
  let r = (((u * v3) % p) * powP58((u * v7) % p)) % p;
  const check = (((r * r) % p) * v) % p;
  const correct = check === u;
  const flipped = check === (p - u) % p;
  const flippedI = check === (((p - u) % p) * SQRT_M1) % p;
  if (flipped || flippedI) r = (r * SQRT_M1) % p;
  if (isNegative(r)) r = p - r;
  return { square: correct || flipped, root: r };
}

const invSqrt = (v: bigint) => sqrtRatio(1n, v);

const ONE_MINUS_D_SQ = 1159843021668779879193775521855586647937357759715417654439879720876111806838n;
const D_MINUS_ONE_SQ = 40440834346308536858101042469323190826248399146238708352240133220865137265952n;
const SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235n;

/** RFC 9496 §4.3.4 MAP: 32 bytes (the top bit ignored) to a point. */
function elligator(bytes: Uint8Array): Ed {
  let t = 0n;
  for (let i = 31; i >= 0; i--) t = (t << 8n) | BigInt(i === 31 ? bytes[i] & 0x7f : bytes[i]);
  t %= p;
  const r = (((SQRT_M1 * t) % p) * t) % p;
  const u = ((r + 1n) * ONE_MINUS_D_SQ) % p;
  let c = p - 1n;
  const v = (((c - ((D * r) % p) + p) % p) * ((r + D) % p)) % p;
  const ratio = sqrtRatio(u, v);
  let s = ratio.root;
  let sPrime = (s * t) % p;
  if (!isNegative(sPrime)) sPrime = (p - sPrime) % p;
  if (!ratio.square) {
    s = sPrime;
    c = r;
  }
  const n = (((((c * ((r - 1n + p) % p)) % p) * D_MINUS_ONE_SQ) % p) - v + p) % p;
  const ss = (s * s) % p;
  const w0 = (2n * s * v) % p;
  const w1 = (n * SQRT_AD_MINUS_ONE) % p;
  const w2 = (1n - ss + p) % p;
  const w3 = (1n + ss) % p;
  return { X: (w0 * w3) % p, Y: (w2 * w1) % p, Z: (w1 * w3) % p, T: (w0 * w2) % p };
}

/**
 * hash_to_ristretto255 (RFC 9380 App. B, RFC 9496 §4.3.4): expand_message_xmd with SHA-512 (the
 * platform's) to 64 bytes, two MAPs, added. The tests compare it with @noble/curves.
 */
export function hashToRistretto(message: Uint8Array, dst: Uint8Array): Ed {
  if (dst.length > 255) throw new RangeError('a DST of more than 255 bytes');
  const dstPrime = new Uint8Array([...dst, dst.length]);
  const b0 = createHash('sha512').update(new Uint8Array(128)).update(message).update(Uint8Array.of(0, 64, 0)).update(dstPrime).digest();
  const b1 = new Uint8Array(createHash('sha512').update(b0).update(Uint8Array.of(1)).update(dstPrime).digest());
  return add(elligator(b1.subarray(0, 32)), elligator(b1.subarray(32, 64)));
}

/**
 * RFC 9496 §4.3.1 decoding, strict: s canonical (below p) and non-negative, 1/v a square, t
 * non-negative, y non-zero; the identity is refused as everywhere in ostraka. Same verdicts as
 * group.ts (which uses noble) — the tests compare them — with a faster square-root chain.
 */
export function decodeRistretto(bytes: Uint8Array, offset = 0): Ed | string {
  if (offset < 0 || offset + 32 > bytes.length) return 'element of fewer than 32 bytes';
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(bytes[offset + i]);
  if (s >= p || (s & 1n) === 1n) return 'non-canonical element encoding';
  const ss = (s * s) % p;
  const u1 = (1n - ss + p) % p;
  const u2 = (1n + ss) % p;
  const u2sq = (u2 * u2) % p;
  const v = (p2 - ((D * ((u1 * u1) % p)) % p) - u2sq) % p;
  const { square, root } = invSqrt((v * u2sq) % p);
  const dx = (root * u2) % p;
  const dy = (((root * dx) % p) * v) % p;
  let x = (2n * s * dx) % p;
  if (isNegative(x)) x = p - x;
  const y = (u1 * dy) % p;
  const t = (x * y) % p;
  if (!square || isNegative(t) || y === 0n) return 'not a group element';
  if (x === 0n) return 'the identity element';
  return { X: x, Y: y, Z: 1n, T: t };
}

/** 1/x for many x at once (Montgomery's trick: three products each and one inversion). */
export function batchInvert(xs: bigint[]): bigint[] {
  const prefix: bigint[] = new Array(xs.length);
  let acc = 1n;
  for (let i = 0; i < xs.length; i++) {
    prefix[i] = acc;
    acc = (acc * xs[i]) % p;
  }
  let inverse = inv(acc);
  const out: bigint[] = new Array(xs.length);
  for (let i = xs.length - 1; i >= 0; i--) {
    out[i] = (inverse * prefix[i]) % p;
    inverse = (inverse * xs[i]) % p;
  }
  return out;
}

function toLE(x: bigint, out: Uint8Array, offset: number): void {
  let v = x;
  for (let i = 0; i < 32; i++) {
    out[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * Encodings of 2·P for many P with one field inversion in all (curve25519-dalek's
 * `double_and_compress_batch`): the doubled point's encoding needs no square root. Callers
 * compute P = X/2 when they need the encoding of X (halved scalars).
 */
export function doubleAndEncodeAll(points: readonly Ed[]): Uint8Array {
  const out = new Uint8Array(32 * points.length);
  const states = points.map((P) => {
    const XX = (P.X * P.X) % p;
    const YY = (P.Y * P.Y) % p;
    const ZZ = (P.Z * P.Z) % p;
    const dTT = (((P.T * P.T) % p) * D) % p;
    const e = (2n * P.X * P.Y) % p;
    const f = (ZZ + dTT) % p;
    const g = (YY + XX) % p;
    const h = (ZZ - dTT + p) % p;
    return { e, f, g, h, eg: (e * g) % p, fh: (f * h) % p };
  });
  const invs = batchInvert(states.map((s) => (s.eg * s.fh) % p || 1n));
  states.forEach((s, i) => {
    if (s.eg === 0n || s.fh === 0n) return; // 2P is the identity: zero bytes
    const zInv = (s.eg * invs[i]) % p;
    const tInv = (s.fh * invs[i]) % p;
    let magic = INVSQRT_A_MINUS_D;
    let { e, g, h } = s;
    if (isNegative((s.eg * zInv) % p)) {
      [e, g, h] = [s.g, (p - s.e) % p, (s.f * SQRT_M1) % p];
      magic = SQRT_M1;
    }
    if (isNegative((((h * e) % p) * zInv) % p)) g = (p - g) % p;
    let sv = (((h - g + p) % p) * ((magic * ((g * tInv) % p)) % p)) % p;
    if (isNegative(sv)) sv = p - sv;
    toLE(sv, out, 32 * i);
  });
  return out;
}

const EdwardsPoint = ed25519.Point;
const RistrettoPoint = ristretto255.Point;

export const ristrettoOps: CurveOps<Ed, EdCached> = {
  name: 'ristretto255',
  bits: 253,
  zero: () => ZERO,
  // The ristretto255 identity is the coset of (0, 1): X = 0 or Y = 0 (RFC 9496 equality with it).
  isZero: (a) => a.X % p === 0n || a.Y % p === 0n,
  add,
  double,
  doubleLazy,
  neg: (a) => ({ X: p2 - a.X, Y: a.Y, Z: a.Z, T: p2 - a.T }),
  cache,
  addCached,
  subCached,
  decode: decodeRistretto,
  hash: hashToRistretto,
  fromPoint(pt: Point): Ed {
    const ep = (pt as unknown as { ep: Ed }).ep;
    return { X: ep.X, Y: ep.Y, Z: ep.Z, T: ep.T };
  },
  toPoint(a: Ed): Point {
    const n = (x: bigint) => ((x % p) + p) % p;
    return new RistrettoPoint(new EdwardsPoint(n(a.X), n(a.Y), n(a.Z), n(a.T))) as unknown as Point;
  },
  encodeAll(points) {
    const out = new Uint8Array(32 * points.length);
    points.forEach((a, i) => out.set(ristrettoOps.toPoint(a).toBytes(), 32 * i));
    return out;
  },
};

/** 1/2 mod q: halving scalars so that doubleAndEncodeAll yields the encodings wanted. */
export const HALF_MOD_Q = (RistrettoPoint.Fn.ORDER + 1n) / 2n;

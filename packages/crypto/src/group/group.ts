import type { RandomSource } from '../random.js';

export type GroupName = 'ristretto255' | 'p256';

/**
 * A prime-order group with its scalar field, as every protocol of ostraka sees it.
 *
 * Elements are opaque values of type `E`: protocols never touch a curve library directly, so
 * that another arithmetic backend (WebAssembly, say) can be put behind this interface and
 * cross-checked against @noble/curves without changing a protocol.
 *
 * Scalars are bigints in [0, order). Methods named `...Public` run in variable time and must only
 * see public scalars (verifier equations, challenges); the others are meant for secret scalars.
 */
export interface Group<E = unknown> {
  readonly name: GroupName;
  /** The prime order q of the group (and modulus of the scalar field). */
  readonly order: bigint;
  /** Length of an encoded element in bytes (32 for ristretto255, 33 for P-256). */
  readonly elementLength: number;
  /** Length of an encoded scalar in bytes (32 for both groups). */
  readonly scalarLength: number;
  /** Bytes of plaintext one element carries in the plaintext embedding. */
  readonly embeddingCapacity: number;
  readonly generator: E;
  readonly identity: E;

  add(a: E, b: E): E;
  subtract(a: E, b: E): E;
  negate(a: E): E;
  equals(a: E, b: E): boolean;
  isIdentity(a: E): boolean;

  /** k·a for a secret scalar k (constant-time arithmetic path). */
  multiply(a: E, k: bigint): E;
  /** k·a for a public scalar k (variable time, faster). */
  multiplyPublic(a: E, k: bigint): E;
  /** Precomputed tables for an element that is multiplied many times (g, a public key, h). */
  fixedBase(base: E): FixedBase<E>;
  /** Σ scalars[i]·points[i] for public scalars, all below 2^bits (default: the order's bit length). */
  msmPublic(points: readonly E[], scalars: readonly bigint[], bits?: number): E;
  /**
   * Σ scalars[i]·points[i] for secret scalars: the sequence of group operations and table
   * reads depends only on the number of points, never on the scalars' values.
   */
  msm(points: readonly E[], scalars: readonly bigint[]): E;

  /** The canonical encoding; the identity encodes as all-zero bytes (it never appears in a message). */
  encode(a: E): Uint8Array;
  /** Encodes a list into one packed buffer of `elementLength` bytes per element. */
  encodeMany(list: readonly E[]): Uint8Array;
  /**
   * The packed encodings of 2·a for every a in the list (the identity encodes as zero bytes).
   * On ristretto255 this is far cheaper than encodeMany: all elements share one field
   * inversion instead of an inverse square root each. A protocol that must encode X = g^x·h^y
   * computes X/2 = g^{x/2}·h^{y/2} by halving the exponents and encodes it doubled.
   */
  encodeManyDoubled(list: readonly E[]): Uint8Array;
  /** Strict decoding: wrong length, non-canonical, off-curve, off-group and the identity are each a DecodeError. */
  decode(bytes: Uint8Array, field?: string): E;
  /** Decodes `count` packed elements starting at `offset`; `field` names the list in errors. */
  decodeMany(bytes: Uint8Array, count: number, field?: string, offset?: number): E[];

  /** Hash to group: RFC 9496 for ristretto255, RFC 9380 P256_XMD:SHA-256_SSWU_RO_ for P-256. */
  hashToElement(message: Uint8Array, dst: Uint8Array): E;

  /** Embeds `embeddingCapacity` bytes into one element (try-and-increment on the encoding). */
  embed(chunk: Uint8Array): E;
  /** Inverse of embed; a DecodeError (BAD_EMBEDDING) for an element that is not an embedding. */
  extract(a: E, field?: string): Uint8Array;

  readonly scalars: ScalarField;
}

export interface FixedBase<E> {
  readonly base: E;
  /** k·base, constant-time path (secret k). */
  multiply(k: bigint): E;
  /** k·base, variable time (public k). */
  multiplyPublic(k: bigint): E;
}

/** The field of scalars modulo the group order q. */
export interface ScalarField {
  readonly order: bigint;
  /** Bit length of q. */
  readonly bits: number;
  readonly length: number;
  add(a: bigint, b: bigint): bigint;
  subtract(a: bigint, b: bigint): bigint;
  multiply(a: bigint, b: bigint): bigint;
  negate(a: bigint): bigint;
  /** Multiplicative inverse; a RangeError for zero. */
  invert(a: bigint): bigint;
  /** Reduces any non-negative integer modulo q. */
  reduce(a: bigint): bigint;
  /** A uniform scalar in [0, q) by rejection sampling (no modular bias). */
  random(rng?: RandomSource): bigint;
  /** A uniform non-zero scalar in [1, q). */
  randomNonZero(rng?: RandomSource): bigint;
  /** Reduces ≥ 48 uniform bytes modulo q (for challenges; the bias is below 2^-128). */
  fromUniformBytes(bytes: Uint8Array): bigint;
  encode(a: bigint): Uint8Array;
  /** Strict decoding: exactly `length` bytes and a value below q, else DecodeError. */
  decode(bytes: Uint8Array, field?: string): bigint;
}

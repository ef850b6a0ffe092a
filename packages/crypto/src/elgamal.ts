import { DecodeError } from './errors.js';
import type { FixedBase, Group } from './group/group.js';
import { csprng, type RandomSource } from './random.js';

/**
 * An ElGamal ciphertext of width w: w independent pairs (a_j, b_j) = (g^{r_j}, m_j·pk^{r_j}),
 * one randomness per component (sharing r across components under one key would leak m_j/m_k).
 */
export interface Ciphertext<E> {
  readonly a: readonly E[];
  readonly b: readonly E[];
}

export interface KeyPair<E> {
  readonly secret: bigint;
  readonly public: E;
}

export function generateKeyPair<E>(group: Group<E>, rng: RandomSource = csprng): KeyPair<E> {
  const secret = group.scalars.randomNonZero(rng);
  return { secret, public: group.multiply(group.generator, secret) };
}

/**
 * Encryption under one public key, with precomputed tables for g and pk: every
 * exponentiation of encryption and re-encryption is fixed-base.
 */
export class ElGamal<E> {
  readonly g: FixedBase<E>;
  readonly pk: FixedBase<E>;

  constructor(
    readonly group: Group<E>,
    readonly publicKey: E,
  ) {
    if (group.isIdentity(publicKey)) throw new RangeError('the public key must not be the identity');
    this.g = group.fixedBase(group.generator);
    this.pk = group.fixedBase(publicKey);
  }

  /** Encrypts with the given randomness (one non-zero scalar per component). */
  encryptWith(messages: readonly E[], randomness: readonly bigint[]): Ciphertext<E> {
    if (messages.length !== randomness.length) throw new RangeError('one randomness per message component');
    const G = this.group;
    return {
      a: randomness.map((r) => this.g.multiply(r)),
      b: messages.map((m, j) => G.add(m, this.pk.multiply(randomness[j]))),
    };
  }

  encrypt(messages: readonly E[], rng: RandomSource = csprng): { ciphertext: Ciphertext<E>; randomness: bigint[] } {
    const randomness = messages.map(() => this.group.scalars.randomNonZero(rng));
    return { ciphertext: this.encryptWith(messages, randomness), randomness };
  }

  /** (a·g^r, b·pk^r) component-wise. */
  reEncryptWith(ciphertext: Ciphertext<E>, randomness: readonly bigint[]): Ciphertext<E> {
    const G = this.group;
    if (ciphertext.a.length !== randomness.length) throw new RangeError('one randomness per ciphertext component');
    return {
      a: ciphertext.a.map((a, j) => G.add(a, this.g.multiply(randomness[j]))),
      b: ciphertext.b.map((b, j) => G.add(b, this.pk.multiply(randomness[j]))),
    };
  }

  reEncrypt(ciphertext: Ciphertext<E>, rng: RandomSource = csprng): { ciphertext: Ciphertext<E>; randomness: bigint[] } {
    const randomness = ciphertext.a.map(() => this.group.scalars.randomNonZero(rng));
    return { ciphertext: this.reEncryptWith(ciphertext, randomness), randomness };
  }
}

/** m_j = b_j / a_j^x. */
export function decrypt<E>(group: Group<E>, secret: bigint, ciphertext: Ciphertext<E>): E[] {
  return ciphertext.b.map((b, j) => group.subtract(b, group.multiply(ciphertext.a[j], secret)));
}

/** The component-wise product of two ciphertexts of the same width (encrypts the product). */
export function multiplyCiphertexts<E>(group: Group<E>, x: Ciphertext<E>, y: Ciphertext<E>): Ciphertext<E> {
  if (x.a.length !== y.a.length) throw new RangeError('ciphertexts differ in width');
  return { a: x.a.map((a, j) => group.add(a, y.a[j])), b: x.b.map((b, j) => group.add(b, y.b[j])) };
}

/** Encoding: a_1 ‖ b_1 ‖ a_2 ‖ b_2 ‖ … ‖ a_w ‖ b_w, each element in its canonical encoding. */
export function encodeCiphertext<E>(group: Group<E>, ciphertext: Ciphertext<E>): Uint8Array {
  const n = group.elementLength;
  const w = ciphertext.a.length;
  const out = new Uint8Array(2 * w * n);
  for (let j = 0; j < w; j++) {
    out.set(group.encode(ciphertext.a[j]), 2 * j * n);
    out.set(group.encode(ciphertext.b[j]), (2 * j + 1) * n);
  }
  return out;
}

export function ciphertextLength(group: Group<unknown>, width: number): number {
  return 2 * width * group.elementLength;
}

/** Strict decoding of one ciphertext of the given width (starting at `offset` in `bytes`). */
export function decodeCiphertext<E>(
  group: Group<E>,
  bytes: Uint8Array,
  width: number,
  field = 'ciphertext',
  offset = 0,
): Ciphertext<E> {
  const length = ciphertextLength(group, width);
  if (offset === 0 && bytes.length !== length)
    throw new DecodeError('WRONG_LENGTH', field, `expected ${length} bytes for width ${width}, got ${bytes.length}`);
  if (offset + length > bytes.length) throw new DecodeError('WRONG_LENGTH', field, 'truncated ciphertext');
  const n = group.elementLength;
  const a: E[] = [];
  const b: E[] = [];
  for (let j = 0; j < width; j++) {
    const at = offset + 2 * j * n;
    a.push(group.decode(bytes.subarray(at, at + n), `${field}.a[${j}]`));
    b.push(group.decode(bytes.subarray(at + n, at + 2 * n), `${field}.b[${j}]`));
  }
  return { a, b };
}

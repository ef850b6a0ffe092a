import type { Ciphertext } from '../elgamal.js';
import type { FixedBase, Group } from '../group/group.js';
import { proveDleq, verifyDleq, type DleqProof } from '../proofs/dleq.js';
import { csprng, type RandomSource } from '../random.js';
import { Transcript, type ProofContext } from '../transcript.js';
import { decryptionContext } from './contexts.js';

/**
 * Trustee j's partial decryption of one ciphertext vector (a_1..a_w, b_1..b_w): the factors
 * d_k = a_k^{x_j} and one DLEQ proof covering all components, with bases (g, a_1..a_w) and publics
 * (vk_j, d_1..d_w) (docs/crypto.md §8.7).
 */
export interface PartialDecryption<E> {
  readonly factors: readonly E[];
  readonly proof: DleqProof;
}

export function partialDecrypt<E>(
  group: Group<E>,
  election: string,
  trustee: number,
  keyShare: bigint,
  verificationKey: E,
  ciphertext: Ciphertext<E>,
  rng: RandomSource = csprng,
): PartialDecryption<E> {
  const factors = ciphertext.a.map((a) => group.multiply(a, keyShare));
  const statement = { bases: [group.generator, ...ciphertext.a], publics: [verificationKey, ...factors] };
  return { factors, proof: proveDleq(group, decryptionContext(election, trustee), statement, keyShare, rng) };
}

/** One table for g per group, shared by every verifier (building it costs ~30 ms). */
const generatorTables = new WeakMap<Group<never>, FixedBase<unknown>>();

function generatorTable<E>(group: Group<E>): FixedBase<E> {
  let table = generatorTables.get(group as Group<never>) as FixedBase<E> | undefined;
  if (!table) {
    table = group.fixedBase(group.generator);
    generatorTables.set(group as Group<never>, table as FixedBase<unknown>);
  }
  return table;
}

/**
 * After this many proofs of one trustee, a table for vk_j pays for itself: building it costs
 * about 50 variable-base multiplications, and each proof then saves most of one.
 */
const VK_TABLE_AFTER = 48;

/**
 * Verifies many partial decryptions of one trustee. It checks exactly what `verifyDleq` checks
 * for the statement above (the same transcript, byte for byte; a test holds the two together),
 * but faster: g^s·vk_j^{−c} uses precomputed tables for g and (after a few proofs) for vk_j,
 * which every proof of the trustee shares.
 */
export class PartialDecryptionVerifier<E> {
  private readonly g: FixedBase<E>;
  private vkTable: FixedBase<E> | null = null;
  private verified = 0;
  private readonly context: ProofContext;
  private readonly prefix: Uint8Array;
  private readonly verificationKeyBytes: Uint8Array;
  private readonly half: bigint;

  constructor(
    readonly group: Group<E>,
    readonly election: string,
    readonly trustee: number,
    readonly verificationKey: E,
  ) {
    if (group.isIdentity(verificationKey)) throw new RangeError('the verification key must not be the identity');
    this.context = decryptionContext(election, trustee);
    this.g = generatorTable(group);
    this.prefix = group.encode(group.generator);
    this.verificationKeyBytes = group.encode(verificationKey);
    this.half = group.scalars.invert(2n);
  }

  private vkTimes(k: bigint): E {
    if (this.vkTable) return this.vkTable.multiplyPublic(k);
    if (++this.verified >= VK_TABLE_AFTER) this.vkTable = this.group.fixedBase(this.verificationKey);
    return this.group.multiplyPublic(this.verificationKey, k);
  }

  /**
   * `encoded`, when the caller decoded the elements from bytes it still holds: the encodings of
   * a_1..a_w and of d_1..d_w, concatenated (strict decoding makes them the canonical encodings
   * the transcript needs, so they are not computed again: one square root each on ristretto255).
   */
  verify(ciphertext: Ciphertext<E>, partial: PartialDecryption<E>, encoded?: { readonly a: Uint8Array; readonly factors: Uint8Array }): boolean {
    const G = this.group;
    const w = ciphertext.a.length;
    if (w === 0 || ciphertext.b.length !== w || partial.factors.length !== w) return false;
    const { challenge: c, response: s } = partial.proof;
    if (c < 0n || c >= G.order || s < 0n || s >= G.order) return false;
    const n = G.elementLength;
    if (encoded && (encoded.a.length !== w * n || encoded.factors.length !== w * n)) throw new RangeError('the encodings do not match the width');
    // The commitments are only hashed: computed halved (s/2, −c/2) and encoded doubled, they
    // share one field inversion instead of an inverse square root each (Group.encodeManyDoubled).
    const halfS = G.scalars.multiply(s, this.half);
    const minusHalfC = G.scalars.multiply(G.scalars.negate(c), this.half);
    const halves: E[] = [G.add(this.g.multiplyPublic(halfS), this.vkTimes(minusHalfC))];
    for (let k = 0; k < w; k++) halves.push(G.msmPublic([ciphertext.a[k], partial.factors[k]], [halfS, minusHalfC]));
    const bases = new Uint8Array((w + 1) * n);
    bases.set(this.prefix, 0);
    if (encoded) bases.set(encoded.a, n);
    else for (let k = 0; k < w; k++) bases.set(G.encode(ciphertext.a[k]), (k + 1) * n);
    const publics = new Uint8Array((w + 1) * n);
    publics.set(this.verificationKeyBytes, 0);
    publics.set(encoded ? encoded.factors : G.encodeMany(partial.factors), n);
    const expected = new Transcript('dleq', this.context)
      .append('bases', bases)
      .append('publics', publics)
      .append('commitments', G.encodeManyDoubled(halves))
      .challengeScalar('challenge', G);
    return expected === c;
  }
}

/** One partial decryption, checked with the core's `verifyDleq` (no tables: for a single proof). */
export function verifyPartialDecryption<E>(
  group: Group<E>,
  election: string,
  trustee: number,
  verificationKey: E,
  ciphertext: Ciphertext<E>,
  partial: PartialDecryption<E>,
): boolean {
  const w = ciphertext.a.length;
  if (w === 0 || partial.factors.length !== w) return false;
  const statement = { bases: [group.generator, ...ciphertext.a], publics: [verificationKey, ...partial.factors] };
  return verifyDleq(group, decryptionContext(election, trustee), statement, partial.proof);
}

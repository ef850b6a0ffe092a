import type { Ciphertext } from '../elgamal.js';
import { encodeCiphertext } from '../elgamal.js';
import type { Group } from '../group/group.js';
import { csprng, type RandomSource } from '../random.js';
import { Transcript, type ProofContext } from '../transcript.js';

/**
 * Proof of knowledge of the randomness r_j of every a_j = g^{r_j} of a ciphertext vector, with
 * one challenge bound to the election, the voter's credential, the public key and the whole
 * ciphertext (signed ElGamal, docs/crypto.md §Ballot proof). Knowing r_j means knowing the
 * plaintext, so a copied or re-randomised ciphertext cannot be cast under another credential
 * (the Helios ballot-copying attack) and a proof cannot be moved to another election.
 */
export interface EncryptionProof {
  readonly challenge: bigint;
  readonly responses: readonly bigint[];
}

function challenge<E>(
  group: Group<E>,
  context: ProofContext,
  credential: Uint8Array,
  publicKey: E,
  ciphertext: Ciphertext<E>,
  commitments: readonly E[],
): bigint {
  return new Transcript('encryption', context)
    .append('credential', credential)
    .appendElement('public-key', group, publicKey)
    .append('ciphertext', encodeCiphertext(group, ciphertext))
    .appendElements('commitments', group, commitments)
    .challengeScalar('challenge', group);
}

export function proveEncryption<E>(
  group: Group<E>,
  context: ProofContext,
  credential: Uint8Array,
  publicKey: E,
  ciphertext: Ciphertext<E>,
  randomness: readonly bigint[],
  rng: RandomSource = csprng,
): EncryptionProof {
  const S = group.scalars;
  if (randomness.length !== ciphertext.a.length) throw new RangeError('one randomness per ciphertext component');
  const nonces = randomness.map(() => S.randomNonZero(rng));
  const commitments = nonces.map((w) => group.multiply(group.generator, w));
  const c = challenge(group, context, credential, publicKey, ciphertext, commitments);
  return { challenge: c, responses: nonces.map((w, j) => S.add(w, S.multiply(c, randomness[j]))) };
}

export function verifyEncryption<E>(
  group: Group<E>,
  context: ProofContext,
  credential: Uint8Array,
  publicKey: E,
  ciphertext: Ciphertext<E>,
  proof: EncryptionProof,
): boolean {
  const { challenge: c, responses } = proof;
  const w = ciphertext.a.length;
  if (w === 0 || ciphertext.b.length !== w || responses.length !== w) return false;
  if (c < 0n || c >= group.order || responses.some((s) => s < 0n || s >= group.order)) return false;
  const minusC = group.scalars.negate(c);
  const commitments = ciphertext.a.map((a, j) => group.msmPublic([group.generator, a], [responses[j], minusC]));
  return challenge(group, context, credential, publicKey, ciphertext, commitments) === c;
}

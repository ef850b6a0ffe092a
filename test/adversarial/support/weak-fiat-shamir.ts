/**
 * The weak Fiat–Shamir transform (Bernhard, Pereira, Warinschi, ASIACRYPT 2012): the challenge
 * hashes the prover's commitments but not the statement. These are the verifiers such a system
 * would have, and the forgeries they let through; ostraka's verifiers hash the whole statement
 * (docs/crypto.md §6) and must reject every one of them.
 */
import { Transcript, type Ciphertext, type DleqProof, type EncryptionProof, type Group, type ProofContext, type RandomSource } from '@ostraka/crypto';

type E = unknown;

function weakDleqChallenge(G: Group<E>, context: ProofContext, commitments: readonly E[]): bigint {
  return new Transcript('dleq', context).appendElements('commitments', G, commitments).challengeScalar('challenge', G);
}

/** DLEQ verification with a weak challenge: the bases and publics are not hashed. */
export function verifyDleqWeak(G: Group<E>, context: ProofContext, statement: { bases: readonly E[]; publics: readonly E[] }, proof: DleqProof): boolean {
  const minusC = G.scalars.negate(proof.challenge);
  const commitments = statement.bases.map((base, k) => G.msmPublic([base, statement.publics[k]], [proof.response, minusC]));
  return weakDleqChallenge(G, context, commitments) === proof.challenge;
}

/**
 * A prover who knows x with publics[0] = bases[0]^x forges "proofs" that publics[k] = bases[k]^x
 * for wrong publics (k ≥ 1): it fixes the commitments first, learns the challenge, and only then
 * chooses the publics that make the equations hold. A corrupt trustee gets a wrong decryption
 * factor (or a false complaint) accepted this way by a weak-Fiat–Shamir verifier.
 */
export function forgeDleqWeak(G: Group<E>, context: ProofContext, x: bigint, bases: readonly E[], rng: RandomSource): { publics: E[]; proof: DleqProof } {
  const S = G.scalars;
  const nonces = bases.map(() => S.randomNonZero(rng));
  const commitments = bases.map((b, k) => G.multiply(b, nonces[k]));
  const c = weakDleqChallenge(G, context, commitments);
  const s = S.add(nonces[0], S.multiply(c, x));
  const cInverse = S.invert(c);
  // publics[k] = bases[k]^{(s − w_k)/c}: then bases[k]^s · publics[k]^{−c} = bases[k]^{w_k}, the commitment.
  const publics = bases.map((b, k) => (k === 0 ? G.multiply(b, x) : G.multiply(b, S.multiply(S.subtract(s, nonces[k]), cInverse))));
  return { publics, proof: { challenge: c, response: s } };
}

/**
 * The ballot proof with a weak challenge that hashes the credential and the commitments, but
 * neither the public key nor the ciphertext: the plaintext half (b) of a ballot can then be
 * changed under a valid proof, and the a half's proof of knowledge still passes.
 */
export function verifyEncryptionWeak(G: Group<E>, context: ProofContext, credential: Uint8Array, ciphertext: Ciphertext<E>, proof: EncryptionProof): boolean {
  const minusC = G.scalars.negate(proof.challenge);
  const commitments = ciphertext.a.map((a, j) => G.msmPublic([G.generator, a], [proof.responses[j], minusC]));
  return (
    new Transcript('encryption', context).append('credential', credential).appendElements('commitments', G, commitments).challengeScalar('challenge', G) ===
    proof.challenge
  );
}

/** Honest ballot proofs for the weak verifier (the same commitments and responses, the weak challenge). */
export function proveEncryptionWeak(G: Group<E>, context: ProofContext, credential: Uint8Array, randomness: readonly bigint[], rng: RandomSource): EncryptionProof {
  const S = G.scalars;
  const nonces = randomness.map(() => S.randomNonZero(rng));
  const commitments = nonces.map((w) => G.multiply(G.generator, w));
  const c = new Transcript('encryption', context).append('credential', credential).appendElements('commitments', G, commitments).challengeScalar('challenge', G);
  return { challenge: c, responses: nonces.map((w, j) => S.add(w, S.multiply(c, randomness[j]))) };
}

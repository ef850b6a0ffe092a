import type { Group } from '../group/group.js';
import { csprng, type RandomSource } from '../random.js';
import { Transcript, type ProofContext } from '../transcript.js';

/** A compact Σ-proof: the challenge and the response (docs/crypto.md §Schnorr). */
export interface SchnorrProof {
  readonly challenge: bigint;
  readonly response: bigint;
}

function challenge<E>(group: Group<E>, context: ProofContext, base: E, pub: E, commitment: E): bigint {
  return new Transcript('schnorr', context)
    .appendElement('base', group, base)
    .appendElement('public', group, pub)
    .appendElement('commitment', group, commitment)
    .challengeScalar('challenge', group);
}

/** Proof of knowledge of x with X = x·base (base defaults to the generator). */
export function proveSchnorr<E>(
  group: Group<E>,
  context: ProofContext,
  secret: bigint,
  pub: E,
  rng: RandomSource = csprng,
  base: E = group.generator,
): SchnorrProof {
  const S = group.scalars;
  const w = S.randomNonZero(rng);
  const c = challenge(group, context, base, pub, group.multiply(base, w));
  return { challenge: c, response: S.add(w, S.multiply(c, secret)) };
}

/** Recomputes the commitment s·base − c·X and checks that it hashes to c. */
export function verifySchnorr<E>(
  group: Group<E>,
  context: ProofContext,
  pub: E,
  proof: SchnorrProof,
  base: E = group.generator,
): boolean {
  const { challenge: c, response: s } = proof;
  if (c < 0n || c >= group.order || s < 0n || s >= group.order) return false;
  const commitment = group.msmPublic([base, pub], [s, group.scalars.negate(c)]);
  return challenge(group, context, base, pub, commitment) === c;
}

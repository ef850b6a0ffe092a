import type { Group } from '../group/group.js';
import { proveSchnorr, verifySchnorr, type SchnorrProof } from '../proofs/schnorr.js';
import { csprng, type RandomSource } from '../random.js';
import { keyShareContext, shareKeyContext } from './contexts.js';

/**
 * Trustee j's proof of knowledge of its key share x_j behind vk_j, posted with its finalization:
 * the trustee shows it can decrypt before the election opens, not after.
 */
export function proveKeyShare<E>(
  group: Group<E>,
  election: string,
  trustee: number,
  keyShare: bigint,
  verificationKey: E,
  rng: RandomSource = csprng,
): SchnorrProof {
  return proveSchnorr(group, keyShareContext(election, trustee), keyShare, verificationKey, rng);
}

export function verifyKeyShareProof<E>(group: Group<E>, election: string, trustee: number, verificationKey: E, proof: SchnorrProof): boolean {
  return verifySchnorr(group, keyShareContext(election, trustee), verificationKey, proof);
}

/**
 * Trustee j's proof of knowledge of its share-encryption secret e_j behind E_j, in its identity:
 * a trustee can only publish a key it can use, so it can always complain (a complaint reveals
 * K^{e_j}), and nobody can register someone else's key as its own.
 */
export function proveShareKey<E>(group: Group<E>, election: string, trustee: number, secret: bigint, shareKey: E, rng: RandomSource = csprng): SchnorrProof {
  return proveSchnorr(group, shareKeyContext(election, trustee), secret, shareKey, rng);
}

export function verifyShareKeyProof<E>(group: Group<E>, election: string, trustee: number, shareKey: E, proof: SchnorrProof): boolean {
  return verifySchnorr(group, shareKeyContext(election, trustee), shareKey, proof);
}

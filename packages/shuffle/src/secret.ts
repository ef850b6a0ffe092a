import { checkBytes, csprng, type RandomSource } from '@ostraka/crypto';

/**
 * The mix server's secret for one shuffle: a 32-byte key from which the permutation and every
 * re-encryption randomness derive (docs/crypto.md §9.6). Whoever learns it links every output
 * to its input: keep it in memory only, from the shuffle to the proof, then drop it.
 */
export interface ShuffleSecret {
  readonly key: Uint8Array;
}

export const SHUFFLE_KEY_LENGTH = 32;
export const PROOF_NONCE_LENGTH = 32;

export function drawShuffleSecret(rng: RandomSource = csprng): ShuffleSecret {
  return { key: rng(SHUFFLE_KEY_LENGTH) };
}

export function checkShuffleSecret(secret: ShuffleSecret): Uint8Array {
  if (typeof secret !== 'object' || secret === null) throw new TypeError('secret: expected a ShuffleSecret');
  return checkBytes(secret.key, 'secret.key', SHUFFLE_KEY_LENGTH);
}

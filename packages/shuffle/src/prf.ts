import { sha512 } from '@noble/hashes/sha2.js';
import { utf8, type Group } from '@ostraka/crypto';

/**
 * The prover's randomness, derived per index from one secret key, so that every index range
 * can be computed by any worker and 1 or K workers give the same bytes (docs/crypto.md §9.6):
 *
 *   PRF(key, label, i) = SHA-512(key ‖ utf8(label) ‖ 0x00 ‖ u64be(i))
 *
 * Keys have a fixed length per use and labels come from this fixed list, none a prefix of
 * another followed by 0x00, so no two inputs collide.
 */
export type PrfLabel =
  | 'permutation'
  | 'reencrypt'
  | 'commit'
  | 'chain'
  | 'omega'
  | 'omega-hat'
  | 'omega-prime';

const LABELS = new Map<PrfLabel, Uint8Array>();

export function prfBytes(key: Uint8Array, label: PrfLabel, index: number): Uint8Array {
  let l = LABELS.get(label);
  if (l === undefined) LABELS.set(label, (l = utf8(label)));
  const message = new Uint8Array(key.length + l.length + 9);
  message.set(key, 0);
  message.set(l, key.length);
  const view = new DataView(message.buffer, key.length + l.length + 1, 8);
  view.setUint32(0, Math.floor(index / 2 ** 32), false);
  view.setUint32(4, index >>> 0, false);
  return sha512(message);
}

/** A scalar from the PRF: its 64 bytes in the group's scalar byte order, reduced mod q (bias < 2^-250). */
export function prfScalar(group: Group<unknown>, key: Uint8Array, label: PrfLabel, index: number): bigint {
  return group.scalars.fromUniformBytes(prfBytes(key, label, index));
}

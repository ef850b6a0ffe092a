import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '@ostraka/crypto';

/**
 * The identifier of a registered Ed25519 key (an author, a peer, the authority, the board):
 * the first 16 bytes of SHA-256(public key), lower-case hex (32 characters). It plays the
 * seed's `key_id`/`peer_id` role. 128 bits leave no room for a collision search between keys.
 */
export function keyId(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) throw new RangeError('keyId: publicKey must be 32 bytes');
  return toHex(sha256(publicKey).subarray(0, 16));
}

export const KEY_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The list hash of a ciphertext list (docs/crypto.md §8.9, docs/transcript.md §10.7):
 * SHA-256(frame("ostraka-v1-ciphertext-list") ‖ frame(group) ‖ frame(election) ‖ u32be(w) ‖ u64be(count) ‖ packed).
 */
import { frame, u32be, u64be, utf8 } from '../encoding/bytes.js';
import { sha256 } from '../encoding/hash.js';
import { toHex } from '../encoding/hex.js';

export function listHash(group: string, election: string, width: number, count: number, packed: Uint8Array): string {
  return toHex(sha256(frame(utf8('ostraka-v1-ciphertext-list')), frame(utf8(group)), frame(utf8(election)), u32be(width), u64be(count), packed));
}

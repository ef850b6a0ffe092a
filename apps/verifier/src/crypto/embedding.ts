/**
 * Plaintext extraction (docs/crypto.md §4): each element carries 30 bytes of the framed plaintext
 * `u16be(len) ‖ plaintext ‖ zero padding`. Returns null when the elements are not an embedding
 * (an election counts such a ballot as invalid).
 */
import type { Group } from './group.js';

export const EMBEDDING_CAPACITY = 30;

export function extractPlaintext(group: Group, encodings: Uint8Array[]): Uint8Array | null {
  const framed = new Uint8Array(EMBEDDING_CAPACITY * encodings.length);
  for (let j = 0; j < encodings.length; j++) {
    const e = encodings[j];
    let chunk: Uint8Array;
    if (group.name === 'ristretto255') chunk = e.subarray(1, 31);
    else {
      if (e[0] !== 0x02 || e[1] !== 0x00) return null;
      chunk = e.subarray(2, 32);
    }
    framed.set(chunk, j * EMBEDDING_CAPACITY);
  }
  const length = (framed[0] << 8) | framed[1];
  if (length > framed.length - 2) return null;
  for (let i = 2 + length; i < framed.length; i++) if (framed[i] !== 0) return null;
  return framed.slice(2, 2 + length);
}

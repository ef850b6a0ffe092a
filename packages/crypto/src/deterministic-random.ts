import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, u64be, utf8 } from './bytes.js';
import type { RandomSource } from './random.js';

/**
 * A reproducible byte stream, SHA-512(seed ‖ u64be(counter)) blocks, for test vectors and
 * tests only. Never use it for an election: secrets must come from `csprng`.
 */
export function deterministicRandom(seed: string | Uint8Array): RandomSource {
  const key = typeof seed === 'string' ? utf8(seed) : seed;
  let counter = 0;
  let buffer: Uint8Array = new Uint8Array(0);
  return (length) => {
    while (buffer.length < length) buffer = concatBytes(buffer, sha512(concatBytes(key, u64be(counter++))));
    const out = buffer.slice(0, length);
    buffer = buffer.slice(length);
    return out;
  };
}

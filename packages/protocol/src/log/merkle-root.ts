import { EMPTY_ROOT, HASH_LENGTH, nodeHash } from './merkle-hash.js';

/**
 * MTH of a range from the hashes of its perfect subtrees, left to right, largest first
 * (as `rangeSubtrees` lists them). RFC 9162 splits a range at the largest power of two below
 * its size, so the range's hash is the right fold `H(s₀, H(s₁, … H(s_{k-2}, s_{k-1})))`.
 */
export function rootFromSubtrees(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT;
  let acc = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i], acc);
  return acc;
}

/**
 * Reference Merkle tree hash straight from RFC 9162 §2.1.1 (recursive over leaf hashes).
 * O(n); only for tests and for an independent full recomputation (`ostraka board check`).
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[], start = 0, end = leafHashes.length): Uint8Array {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) {
    if (leafHashes[start].length !== HASH_LENGTH) throw new RangeError('leaf hash must be 32 bytes');
    return leafHashes[start];
  }
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(merkleTreeHash(leafHashes, start, start + k), merkleTreeHash(leafHashes, start + k, end));
}

import { equalBytes } from '@ostraka/crypto';
import { isHash, nodeHash } from './merkle-hash.js';

/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe it, plus two rules
 * stricter than the RFC text (as the transparency-dev/merkle vectors expect): every hash that is
 * hashed (leaf, roots, proof elements) must be 32 bytes, and a consistency proof from size 0 is
 * refused (the RFC defines none; any tree "extends" the empty one, so it would prove nothing).
 * Both return a boolean and never throw on malformed input: a voter's client or a monitor
 * calls them on data fetched from an untrusted board.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === 0 || !Array.isArray(proof)) return false;
  // Equal sizes: nothing to hash, the two heads must simply claim the same root (the vectors
  // accept any equal byte strings here; heads from a board are 32-byte roots by schema).
  if (first === second) return proof.length === 0 && firstRoot instanceof Uint8Array && secondRoot instanceof Uint8Array && equalBytes(firstRoot, secondRoot);
  if (!isHash(firstRoot) || !isHash(secondRoot) || !proof.every(isHash)) return false;
  if (proof.length === 0) return false;
  // Step 1: when `first` is a power of two, its root is itself a node of the proof path.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  // Steps 2–3.
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 4.
  let fr = path[0];
  let sr = path[0];
  // Step 5.
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 6.
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

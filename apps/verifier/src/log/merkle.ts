/**
 * The RFC 9162 Merkle tree of the log (docs/transcript.md §4, §6): roots of every prefix, and the
 * verification of inclusion and consistency proofs (for receipts and for heads an auditor holds).
 */
import { createHash } from 'node:crypto';
import { equalBytes } from '../encoding/bytes.js';

const EMPTY_ROOT = new Uint8Array(createHash('sha256').digest());

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest());
}

/**
 * Roots of the prefixes of the given sizes, in one pass over the leaves: a stack of perfect
 * subtrees (the "compact range" of the prefix), folded right to left at each requested size.
 */
export function prefixRoots(leaves: readonly Uint8Array[], sizes: readonly number[]): Map<number, Uint8Array> {
  const wanted = new Set(sizes);
  const roots = new Map<number, Uint8Array>();
  if (wanted.has(0)) roots.set(0, EMPTY_ROOT);
  const stack: { hash: Uint8Array; size: number }[] = [];
  for (let n = 0; n < leaves.length; n++) {
    let node = { hash: leaves[n], size: 1 };
    while (stack.length > 0 && stack[stack.length - 1].size === node.size) {
      const left = stack.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), size: node.size * 2 };
    }
    stack.push(node);
    if (wanted.has(n + 1)) {
      let root = stack[stack.length - 1].hash;
      for (let i = stack.length - 2; i >= 0; i--) root = nodeHash(stack[i].hash, root);
      roots.set(n + 1, root);
    }
  }
  return roots;
}

export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  return prefixRoots(leaves, [leaves.length]).get(leaves.length)!;
}

/** docs/transcript.md §6.1 (RFC 9162 §2.1.3.2). */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (index >= size || index < 0 || leaf.length !== 32 || root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else r = nodeHash(r, p);
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  return sn === 0n && equalBytes(r, root);
}

/** docs/transcript.md §6.2 (RFC 9162 §2.1.4.2, refusing m = 0). */
export function verifyConsistency(m: number, n: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (m > n || m <= 0) return false;
  if (m === n) return proof.length === 0 && equalBytes(root1, root2);
  if (proof.length === 0 || root1.length !== 32 || root2.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  const path = (m & (m - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = BigInt(m - 1);
  let sn = BigInt(n - 1);
  while ((fn & 1n) === 1n) [fn, sn] = [fn >> 1n, sn >> 1n];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  return equalBytes(fr, root1) && equalBytes(sr, root2) && sn === 0n;
}

/** PATH(m, D[0:n]) of docs/transcript.md §6.1, from all the leaves (for checking a receipt). */
export function inclusionPath(leaves: readonly Uint8Array[], m: number): Uint8Array[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k ? [...inclusionPath(leaves.slice(0, k), m), merkleRoot(leaves.slice(k))] : [...inclusionPath(leaves.slice(k), m - k), merkleRoot(leaves.slice(0, k))];
}

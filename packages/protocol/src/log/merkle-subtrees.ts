/**
 * The geometry of an RFC 9162 tree over leaves `0 … n-1`, with no hashing: which complete
 * ("perfect") subtrees make up a range, and how a store names them.
 *
 * A perfect subtree at `level` ℓ with `index` i covers leaves `[i·2^ℓ, (i+1)·2^ℓ)`. Once its
 * last leaf is appended its hash never changes, so a log stores each one exactly once and
 * serves every proof from them, never rehashing leaves. All sizes are safe integers (< 2^53);
 * arithmetic avoids 32-bit bit operators for that reason.
 */
export interface Subtree {
  readonly level: number;
  readonly index: number;
}

/** A half-open range of leaf positions `[start, end)`. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

export function checkSize(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a safe non-negative integer, got ${n}`);
}

/** The largest power of two strictly below `n` (n ≥ 2): the split point `k` of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`splitPoint needs n ≥ 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * A stable integer name for a perfect subtree: its position in an in-order walk of the
 * infinite tree, `index·2^(level+1) + 2^level − 1`. Leaves get even ids, inner nodes odd ones,
 * and every id stays below 2·n for a tree of n leaves, so it fits a SQLite INTEGER key.
 */
export function subtreeId(level: number, index: number): number {
  return index * 2 ** (level + 1) + 2 ** level - 1;
}

/**
 * The perfect subtrees whose concatenation is `[start, end)`, left to right, largest first.
 * Valid for the ranges that occur in RFC 9162 trees and proofs: `start` is a multiple of the
 * largest power of two not above `end − start` (true of every MTH(D[a:b]) in the RFC recursion).
 */
export function rangeSubtrees(start: number, end: number): Subtree[] {
  checkSize(start, 'start');
  checkSize(end, 'end');
  if (end <= start) throw new RangeError(`empty range [${start}, ${end})`);
  const out: Subtree[] = [];
  let position = start;
  while (position < end) {
    let level = 0;
    // Grow while the subtree stays aligned at `position` and inside the range.
    while (position % 2 ** (level + 1) === 0 && position + 2 ** (level + 1) <= end) level++;
    out.push({ level, index: position / 2 ** level });
    position += 2 ** level;
  }
  return out;
}

/** The perfect subtrees of the whole tree of size `n` (its "frontier"), left to right. */
export function frontierSubtrees(n: number): Subtree[] {
  checkSize(n, 'size');
  return n === 0 ? [] : rangeSubtrees(0, n);
}

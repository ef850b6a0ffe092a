import { nodeHash } from './merkle-hash.js';
import { checkSize, frontierSubtrees, type Subtree } from './merkle-subtrees.js';

/** A perfect subtree with its hash, as a log stores it. */
export interface SubtreeHash extends Subtree {
  readonly hash: Uint8Array;
}

/**
 * Appends one leaf to a tree of `size` leaves whose frontier (perfect subtrees, left to right,
 * as `frontierSubtrees(size)`) has the given hashes. Returns the new frontier hashes and every
 * perfect subtree completed by this leaf (the leaf itself, then each parent it completes):
 * O(log n) hashes, amortised 2 per leaf. Pure: the caller stores `completed`.
 */
export function appendLeaf(
  frontier: readonly Uint8Array[],
  size: number,
  leaf: Uint8Array,
): { frontier: Uint8Array[]; completed: SubtreeHash[] } {
  checkSize(size, 'size');
  if (frontier.length !== frontierSubtrees(size).length)
    throw new RangeError(`frontier of a tree of size ${size} has ${frontierSubtrees(size).length} subtrees, got ${frontier.length}`);
  const next = frontier.slice();
  const completed: SubtreeHash[] = [{ level: 0, index: size, hash: leaf }];
  let hash = leaf;
  let level = 0;
  let index = size;
  // A subtree with an odd index is a right child: its left sibling is the last frontier entry.
  while (index % 2 === 1) {
    const left = next.pop() as Uint8Array;
    hash = nodeHash(left, hash);
    level++;
    index = (index - 1) / 2;
    completed.push({ level, index, hash });
  }
  next.push(hash);
  return { frontier: next, completed };
}

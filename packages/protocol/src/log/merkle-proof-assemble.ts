import { rootFromSubtrees } from './merkle-root.js';
import { rangeSubtrees, subtreeId, type LeafRange } from './merkle-subtrees.js';

/** Ids (`subtreeId`) of every stored perfect subtree a proof over `ranges` reads, without duplicates. */
export function proofSubtreeIds(ranges: readonly LeafRange[]): number[] {
  const ids = new Set<number>();
  for (const r of ranges) for (const s of rangeSubtrees(r.start, r.end)) ids.add(subtreeId(s.level, s.index));
  return [...ids];
}

/**
 * The proof's hashes from stored perfect subtrees: each range's hash is the right fold of its
 * subtrees (`rootFromSubtrees`). `stored` maps `subtreeId` to hash; a missing id is a storage
 * fault, reported with a RangeError rather than a wrong proof.
 */
export function assembleProof(ranges: readonly LeafRange[], stored: ReadonlyMap<number, Uint8Array>): Uint8Array[] {
  return ranges.map((r) =>
    rootFromSubtrees(
      rangeSubtrees(r.start, r.end).map((s) => {
        const hash = stored.get(subtreeId(s.level, s.index));
        if (!hash) throw new RangeError(`missing stored subtree level ${s.level} index ${s.index}`);
        return hash;
      }),
    ),
  );
}

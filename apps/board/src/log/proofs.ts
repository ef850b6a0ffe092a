import { toHex } from '@ostraka/crypto';
import { assembleProof, consistencyProofRanges, inclusionProofRanges, proofSubtreeIds } from '@ostraka/protocol/log';
import type { ConsistencyProof, InclusionProof } from '@ostraka/protocol/log';
import { BoardError } from '../errors.js';
import type { BoardReader } from '../storage/board-storage.js';

/**
 * Proofs served from stored perfect-subtree hashes: one indexed read of O(log n) rows, then
 * O(log n) hashing for the right-edge ranges. Never touches entries, never rehashes leaves.
 * `committedSize` bounds what may be proven: only durable, signed tree sizes.
 */
export async function inclusionProof(reader: BoardReader, index: number, size: number, committedSize: number): Promise<InclusionProof> {
  if (size < 1 || size > committedSize) throw new BoardError(400, 'INVALID_REQUEST', `size must be between 1 and the tree size ${committedSize}`);
  if (index >= size) throw new BoardError(400, 'INVALID_REQUEST', `index ${index} is not below size ${size}`);
  const ranges = inclusionProofRanges(index, size);
  const stored = await reader.subtrees([...proofSubtreeIds(ranges), ...proofSubtreeIds([{ start: index, end: index + 1 }])]);
  const leaf = assembleProof([{ start: index, end: index + 1 }], stored)[0];
  return { index, size, leaf_hash: toHex(leaf), proof: assembleProof(ranges, stored).map(toHex) };
}

export async function consistencyProof(reader: BoardReader, first: number, second: number, committedSize: number): Promise<ConsistencyProof> {
  if (second > committedSize) throw new BoardError(400, 'INVALID_REQUEST', `second must not exceed the tree size ${committedSize}`);
  if (first < 1 || first > second) throw new BoardError(400, 'INVALID_REQUEST', 'consistency proofs need 1 ≤ first ≤ second');
  const ranges = consistencyProofRanges(first, second);
  const stored = await reader.subtrees(proofSubtreeIds(ranges));
  return { first, second, proof: assembleProof(ranges, stored).map(toHex) };
}

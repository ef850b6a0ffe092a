import { equalBytes, toHex } from '@ostraka/crypto';
import { appendLeaf, frontierSubtrees, rootFromSubtrees, subtreeId, type SubtreeHash } from '@ostraka/protocol/log';
import type { BoardReader } from '../storage/board-storage.js';

/**
 * The right edge of the Merkle tree kept in memory: the hashes of the perfect subtrees that
 * make up the current tree (at most 53 of them). With it an append costs O(log n) hashes and the
 * root costs O(log n), with no database read. It only moves forward through `adopt`, after the
 * corresponding subtrees were written in the same transaction as the entry.
 */
export class MerkleState {
  private constructor(
    private _size: number,
    private frontier: Uint8Array[],
  ) {}

  static empty(): MerkleState {
    return new MerkleState(0, []);
  }

  /** Loads the frontier of a tree of `size` leaves from storage and checks it against `expectedRoot`. */
  static async load(reader: BoardReader, size: number, expectedRoot: Uint8Array): Promise<MerkleState> {
    const ids = frontierSubtrees(size).map((s) => subtreeId(s.level, s.index));
    const stored = await reader.subtrees(ids);
    const frontier = ids.map((id) => {
      const hash = stored.get(id);
      if (!hash) throw new Error(`database is damaged: subtree ${id} of the tree of size ${size} is missing`);
      return hash;
    });
    const state = new MerkleState(size, frontier);
    if (!equalBytes(state.root(), expectedRoot))
      throw new Error(`database is damaged: stored subtrees give root ${toHex(state.root())}, the latest signed head says ${toHex(expectedRoot)}`);
    return state;
  }

  get size(): number {
    return this._size;
  }

  root(): Uint8Array {
    return rootFromSubtrees(this.frontier);
  }

  /** What appending `leaf` would produce; nothing changes until `adopt`. */
  prepareAppend(leaf: Uint8Array): { frontier: Uint8Array[]; completed: SubtreeHash[] } {
    return appendLeaf(this.frontier, this._size, leaf);
  }

  adopt(step: { frontier: Uint8Array[] }): void {
    this.frontier = step.frontier;
    this._size++;
  }

  snapshot(): { size: number; frontier: Uint8Array[] } {
    return { size: this._size, frontier: this.frontier.slice() };
  }

  restore(s: { size: number; frontier: Uint8Array[] }): void {
    this._size = s.size;
    this.frontier = s.frontier.slice();
  }
}

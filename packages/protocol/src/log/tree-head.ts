import { concatBytes, fromHex, sign, toHex, u64be, verifySignature, type SigningKey } from '@ostraka/crypto';
import { HASH_LENGTH } from './merkle-hash.js';

/** Domain of the board's signature over a tree head. */
export const TREE_HEAD_DOMAIN = 'ostraka-tree-head-v1';

/** Board ids are 16 random bytes, lower-case hex. */
export const BOARD_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A signed tree head: the board commits to the first `size` entries having Merkle root `root`. */
export interface TreeHead {
  readonly board: string;
  readonly size: number;
  /** Milliseconds since the Unix epoch; never decreases along a board's heads. */
  readonly timestamp: number;
  readonly root: string;
  readonly signature: string;
}

export type UnsignedTreeHead = Omit<TreeHead, 'signature'>;

/** `board_id (16 bytes) ‖ u64be(size) ‖ u64be(timestamp) ‖ root (32 bytes)`: 64 bytes, fixed layout. */
export function treeHeadBytes(h: UnsignedTreeHead): Uint8Array {
  return concatBytes(fromHex(h.board, 'board', 16), u64be(h.size), u64be(h.timestamp), fromHex(h.root, 'root', HASH_LENGTH));
}

export function signTreeHead(key: SigningKey, h: UnsignedTreeHead): TreeHead {
  const signature = toHex(sign(key, TREE_HEAD_DOMAIN, treeHeadBytes(h)));
  return { board: h.board, size: h.size, timestamp: h.timestamp, root: h.root, signature };
}

/** True when the head is well formed and signed by `boardKey`. Never throws. */
export function verifyTreeHead(boardKey: Uint8Array, h: TreeHead): boolean {
  try {
    return verifySignature(boardKey, TREE_HEAD_DOMAIN, treeHeadBytes(h), fromHex(h.signature, 'signature', 64));
  } catch {
    return false;
  }
}

/** Signed tree heads (docs/transcript.md §5). */
import { concat, u64be } from '../encoding/bytes.js';
import { isRecord, type Json } from '../encoding/canonical-json.js';
import { isHex, parseHex } from '../encoding/hex.js';
import type { Place } from '../report/findings.js';
import { verifyDomainSignature } from './ed25519.js';

export interface TreeHead {
  board: string;
  size: number;
  timestamp: number;
  root: string;
  signature: string;
  place?: Place;
}

const HEAD_FIELDS = ['board', 'root', 'signature', 'size', 'timestamp'];

export function asTreeHead(value: unknown, place?: Place): TreeHead | string {
  if (!isRecord(value as Json)) return 'not a JSON object';
  const v = value as Record<string, Json>;
  const keys = Object.keys(v).sort();
  if (keys.join() !== HEAD_FIELDS.join()) return `fields ${keys.join(', ')} instead of ${HEAD_FIELDS.join(', ')}`;
  const { board, size, timestamp, root, signature } = v;
  if (!isHex(board, 16)) return 'board is not a 16-byte board id in hex';
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return 'size is not a non-negative integer';
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) return 'timestamp is not a non-negative integer';
  if (!isHex(root, 32)) return 'root is not 32 bytes of hex';
  if (!isHex(signature, 64)) return 'signature is not 64 bytes of hex';
  return { board, size, timestamp, root, signature, place };
}

/** `board_id ‖ u64be(size) ‖ u64be(timestamp) ‖ root` (64 bytes). */
export function headBytes(head: TreeHead): Uint8Array {
  return concat(parseHex(head.board)!, u64be(head.size), u64be(head.timestamp), parseHex(head.root)!);
}

export function verifyHeadSignature(boardKey: Uint8Array, head: TreeHead): boolean {
  return verifyDomainSignature(boardKey, 'ostraka-tree-head-v1', headBytes(head), parseHex(head.signature)!);
}

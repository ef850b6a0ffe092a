/**
 * Log entries (docs/transcript.md §3): the statement an author signs, the leaf data and leaf hash,
 * and the shape every entry of a transcript must have.
 */
import { canonicalJson, isRecord, type Json } from '../encoding/canonical-json.js';
import { concat, utf8 } from '../encoding/bytes.js';
import { sha256 } from '../encoding/hash.js';
import { isHex } from '../encoding/hex.js';
import type { Place } from '../report/findings.js';

export interface Entry {
  index: number;
  type: string;
  signer: string;
  author: string;
  payload: Record<string, Json>;
  signature: string;
  received: number;
  leaf_hash: string;
  /** Where the entry is in the transcript. */
  place: Place;
}

const ENTRY_FIELDS = ['author', 'index', 'leaf_hash', 'payload', 'received', 'signature', 'signer', 'type'];
export const ENTRY_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** The entry, or why the object is not one. */
export function asEntry(value: Json, place: Place): Entry | string {
  if (!isRecord(value)) return 'not a JSON object';
  const keys = Object.keys(value).sort();
  if (keys.join() !== ENTRY_FIELDS.join()) return `fields ${keys.join(', ')} instead of ${ENTRY_FIELDS.join(', ')}`;
  const { index, type, signer, author, payload, signature, received, leaf_hash } = value;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return 'index is not a non-negative integer';
  if (typeof type !== 'string' || type.length > 64 || !ENTRY_TYPE.test(type)) return 'type is not an entry type';
  if (!isHex(signer, 16)) return 'signer is not a key id (32 hex digits)';
  if (!isHex(author, 32)) return 'author is not a 32-byte public key in hex';
  if (!isRecord(payload)) return 'payload is not a JSON object';
  if (!isHex(signature, 64)) return 'signature is not 64 bytes of hex';
  if (typeof received !== 'number' || !Number.isSafeInteger(received) || received < 0) return 'received is not a non-negative integer';
  if (!isHex(leaf_hash, 32)) return 'leaf_hash is not 32 bytes of hex';
  return { index, type, signer, author, payload, signature, received, leaf_hash, place };
}

/** `canonicalJson({board, payload, signer, type})`: what the author signed (§3.1). */
export function statement(board: string, entry: Pick<Entry, 'payload' | 'signer' | 'type'>): Uint8Array {
  return utf8(canonicalJson({ board, payload: entry.payload, signer: entry.signer, type: entry.type })!);
}

/** `H(0x00 ‖ canonicalJson({author, index, payload, received, signature, signer, type, v: 1}))` (§3.2). */
export function leafHash(entry: Omit<Entry, 'leaf_hash' | 'place'>): Uint8Array {
  const { author, index, payload, received, signature, signer, type } = entry;
  const data = canonicalJson({ author, index, payload, received, signature, signer, type, v: 1 })!;
  return sha256(concat(Uint8Array.of(0), utf8(data)));
}

import { fromHex, sign, toHex, verifySignature, type SigningKey } from '@ostraka/crypto';
import { canonicalJsonBytes, type Json } from '../canonical-json.js';
import { leafHash } from './merkle-hash.js';

/** Domain of an author's signature over an entry statement (docs/transcript.md §Entries). */
export const ENTRY_DOMAIN = 'ostraka-entry-v1';

/** Format version of the entry's leaf bytes. */
export const ENTRY_VERSION = 1;

export type JsonObject = { [key: string]: Json };

/** An entry type: dot-separated lower-case words, e.g. `message.inbox`, `ballot.cast`. */
export const ENTRY_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * What an author signs: the board it writes to (so a signed entry cannot be replayed on another
 * board), the entry type (so a payload cannot be reinterpreted as another type), its own key id
 * and the payload.
 */
export interface EntryStatement {
  readonly board: string;
  readonly type: string;
  readonly signer: string;
  readonly payload: JsonObject;
}

/** `canonicalJson({board, payload, signer, type})`. */
export function entryStatementBytes(s: EntryStatement): Uint8Array {
  return canonicalJsonBytes({ board: s.board, payload: s.payload, signer: s.signer, type: s.type });
}

export function signEntryStatement(key: SigningKey, s: EntryStatement): string {
  return toHex(sign(key, ENTRY_DOMAIN, entryStatementBytes(s)));
}

export function verifyEntryStatement(author: Uint8Array, s: EntryStatement, signatureHex: string): boolean {
  let signature: Uint8Array;
  try {
    signature = fromHex(signatureHex, 'signature', 64);
  } catch {
    return false;
  }
  return verifySignature(author, ENTRY_DOMAIN, entryStatementBytes(s), signature);
}

/** A log entry as the board stores, serves and hashes it. */
export interface LogEntry {
  readonly index: number;
  readonly type: string;
  readonly signer: string;
  /** The signer's Ed25519 public key, hex. */
  readonly author: string;
  readonly payload: JsonObject;
  /** The author's signature over the entry statement, hex. */
  readonly signature: string;
  /** When the board accepted the entry, milliseconds since the Unix epoch. */
  readonly received: number;
}

/** The leaf data of an entry: `canonicalJson({author, index, payload, received, signature, signer, type, v: 1})`. */
export function entryLeafBytes(e: LogEntry): Uint8Array {
  return canonicalJsonBytes({
    author: e.author,
    index: e.index,
    payload: e.payload,
    received: e.received,
    signature: e.signature,
    signer: e.signer,
    type: e.type,
    v: ENTRY_VERSION,
  });
}

/** `SHA-256(0x00 ‖ entryLeafBytes(e))`, the entry's leaf in the Merkle tree. */
export function entryLeafHash(e: LogEntry): Uint8Array {
  return leafHash(entryLeafBytes(e));
}

import { fromHex, sign, toHex, utf8, verifySignature, type SigningKey } from '@ostraka/crypto';
import { canonicalJson, type Json } from '../canonical-json.js';
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

const str = (v: string) => JSON.stringify(v);
const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`canonical JSON allows only safe integers, got ${n}`);
  return String(n);
};

/**
 * `canonicalJson({board, payload, signer, type})`, written out with the keys already in canonical
 * order. `payloadText` is `canonicalJson(payload)` when the caller has computed it already (the
 * board canonicalises each payload once per write).
 */
export function entryStatementBytes(s: EntryStatement, payloadText: string = canonicalJson(s.payload)): Uint8Array {
  return utf8(`{"board":${str(s.board)},"payload":${payloadText},"signer":${str(s.signer)},"type":${str(s.type)}}`);
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

/**
 * The leaf data of an entry: `canonicalJson({author, index, payload, received, signature, signer,
 * type, v: 1})` (keys in canonical order; `payloadText` as in `entryStatementBytes`).
 */
export function entryLeafBytes(e: LogEntry, payloadText: string = canonicalJson(e.payload)): Uint8Array {
  return utf8(
    `{"author":${str(e.author)},"index":${int(e.index)},"payload":${payloadText},"received":${int(e.received)},` +
      `"signature":${str(e.signature)},"signer":${str(e.signer)},"type":${str(e.type)},"v":${ENTRY_VERSION}}`,
  );
}

/** `SHA-256(0x00 ‖ entryLeafBytes(e))`, the entry's leaf in the Merkle tree. */
export function entryLeafHash(e: LogEntry, payloadText?: string): Uint8Array {
  return leafHash(entryLeafBytes(e, payloadText));
}

import { sha256 } from '@noble/hashes/sha2.js';
import { BoardError, type BoardReader, type BoardWriter } from '@ostraka/board';
import { toHex, utf8 } from '@ostraka/crypto';
import type { DocumentKind, Json } from '@ostraka/protocol';

/**
 * Documents relayed in chunks (`election.document`): kv scope `document`, key
 * `<election>/<kind>/<trustee>`, tracks the chunks posted so far. A document is its chunks'
 * `data` concatenated; a new chunk 0 restarts a document that is not complete yet.
 */
export interface DocumentRecord {
  readonly count: number;
  readonly entries: number[];
  readonly complete: boolean;
  /** SHA-256 of the document's UTF-8 text, once complete. */
  readonly hash: string | null;
}

const SCOPE = 'document';
const key = (election: string, kind: DocumentKind, trustee: number) => `${election}/${kind}/${trustee}`;

export async function readDocumentRecord(reader: BoardReader, election: string, kind: DocumentKind, trustee: number): Promise<DocumentRecord | null> {
  return (await reader.kvGet(SCOPE, key(election, kind, trustee))) as DocumentRecord | null;
}

export async function writeDocumentRecord(state: BoardWriter, election: string, kind: DocumentKind, trustee: number, record: DocumentRecord, entry: number) {
  await state.kvPut(SCOPE, key(election, kind, trustee), record as unknown as Json, entry);
}

/** The text of a complete document (or of the chunks listed), read back from the log. */
export async function documentText(reader: BoardReader, entries: readonly number[]): Promise<string> {
  const parts: string[] = [];
  for (const index of entries) {
    const entry = await reader.entry(index);
    if (!entry) throw new Error(`document chunk entry ${index} is missing`);
    parts.push(String((entry.payload as { data: string }).data));
  }
  return parts.join('');
}

export function documentHash(text: string): string {
  return toHex(sha256(utf8(text)));
}

/** Parses a document's JSON text; a 400 that names the document when it is not JSON. */
export function parseDocument(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new BoardError(400, 'BAD_DOCUMENT', `${what} is not valid JSON`);
  }
}

/** The complete document of `kind` from `trustee`, parsed, or null when absent or incomplete. */
export async function readDocument(reader: BoardReader, election: string, kind: DocumentKind, trustee: number): Promise<unknown | null> {
  const record = await readDocumentRecord(reader, election, kind, trustee);
  if (!record?.complete) return null;
  return parseDocument(await documentText(reader, record.entries), `${kind} of trustee ${trustee}`);
}

/** Every complete document of `kind`, by trustee index 1..count. */
export async function readDocuments(reader: BoardReader, election: string, kind: DocumentKind, count: number): Promise<Map<number, unknown>> {
  const out = new Map<number, unknown>();
  for (let j = 1; j <= count; j++) {
    const doc = await readDocument(reader, election, kind, j);
    if (doc !== null) out.set(j, doc);
  }
  return out;
}

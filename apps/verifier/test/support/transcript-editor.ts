/**
 * Edits an exported transcript the way a dishonest party holding keys could: change an entry's
 * payload and re-sign it with its author's key, rewrite a chunked document or a mix round, re-sign
 * a trustee's file, insert, drop or move entries, and have the board re-sign every tree head over
 * the new leaves. Built on the system's own code (@ostraka/protocol, @ostraka/crypto), never on
 * the verifier's, so that the tests do not share the verifier's bugs.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHex, sign, toHex, type SigningKey } from '@ostraka/crypto';
import { canonicalJson } from '@ostraka/protocol';
import { entryLeafHash, keyId, merkleTreeHash, signEntryStatement, signTreeHead } from '@ostraka/protocol/log';
import type { ElectionKeys } from './election.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export interface RawEntry {
  index: number;
  type: string;
  signer: string;
  author: string;
  payload: Record<string, any>;
  signature: string;
  received: number;
  leaf_hash: string;
}
export interface RawHead {
  board: string;
  size: number;
  timestamp: number;
  root: string;
  signature: string;
}

export const PER_FILE = 10_000;

export function copyTranscript(dir: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'ostraka-tamper-')), 'transcript');
  cpSync(dir, out, { recursive: true });
  return out;
}

export class TranscriptEditor {
  index: any;
  entries: RawEntry[];
  heads: RawHead[];
  readonly keys = new Map<string, SigningKey>();

  constructor(
    readonly dir: string,
    keys: ElectionKeys,
  ) {
    this.index = JSON.parse(readFileSync(join(dir, 'transcript.json'), 'utf8'));
    this.entries = [];
    for (let f = 0; f * PER_FILE < this.index.entries.count; f++) {
      const text = readFileSync(join(dir, `log/entries-${String(f).padStart(6, '0')}.jsonl`), 'utf8');
      this.entries.push(...text.trimEnd().split('\n').map((l) => JSON.parse(l)));
    }
    this.heads = readFileSync(join(dir, 'log/heads.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const k of [keys.board, keys.boardAuthority, keys.electionAuthority, ...keys.mixServers, ...keys.trustees, ...keys.credentials]) this.keys.set(keyId(k.publicKey), k);
  }

  get board(): string {
    return this.index.board.id;
  }

  get boardKey(): SigningKey {
    return this.keys.get(keyId(fromHex(this.index.board.public_key)))!;
  }

  find(predicate: (e: RawEntry) => boolean): RawEntry {
    const e = this.entries.find(predicate);
    if (!e) throw new Error('no such entry');
    return e;
  }

  findAll(predicate: (e: RawEntry) => boolean): RawEntry[] {
    return this.entries.filter(predicate);
  }

  /** Re-signs the entry with its author's key (after a payload change). */
  resign(e: RawEntry): void {
    const key = this.keys.get(e.signer);
    if (!key) throw new Error(`no key for signer ${e.signer}`);
    e.signature = signEntryStatement(key, { board: this.board, type: e.type, signer: e.signer, payload: e.payload });
  }

  /** Makes `key` the author of the entry and signs it. */
  signAs(e: RawEntry, key: SigningKey): void {
    e.author = toHex(key.publicKey);
    e.signer = keyId(key.publicKey);
    this.keys.set(e.signer, key);
    this.resign(e);
  }

  /** The election document `(kind, trustee)`: its chunk entries and text. */
  document(kind: string, trustee: number): { entries: RawEntry[]; text: string } {
    const entries = this.findAll((e) => e.type === 'election.document' && e.payload.kind === kind && e.payload.trustee === trustee);
    return { entries, text: entries.map((e) => e.payload.data).join('') };
  }

  /** Rewrites a document's text over the same chunk entries (split evenly), re-signed by the authority. */
  setDocument(kind: string, trustee: number, text: string): void {
    const { entries } = this.document(kind, trustee);
    const size = Math.ceil(text.length / entries.length);
    entries.forEach((e, k) => {
      e.payload = { ...e.payload, data: text.slice(k * size, (k + 1) * size) };
      this.resign(e);
    });
  }

  /** A trustee's signed file as posted. */
  file(kind: string, trustee: number): { payload: any; signature: string } {
    return JSON.parse(this.document(kind, trustee).text);
  }

  /** Replaces a trustee's file; re-signs it with `signer` (the trustee's key) unless told not to. */
  setFile(kind: string, trustee: number, payload: any, signer?: SigningKey | null): void {
    const old = this.file(kind, trustee);
    const signature = signer === null ? old.signature : toHex(sign(signer!, `ostraka-v1/${payload.type}`, new TextEncoder().encode(canonicalJson(payload))));
    this.setDocument(kind, trustee, JSON.stringify({ payload, signature }));
  }

  /** The chunk entries of mix round k's output or proof. */
  roundChunks(k: number, part: 'output' | 'proof'): RawEntry[] {
    return this.findAll((e) => e.type === 'message.outbox' && e.payload.chunk?.doc === `round-${k}-${part}`);
  }

  roundBytes(k: number, part: 'output' | 'proof'): Uint8Array {
    return fromHex(this.roundChunks(k, part).map((e) => e.payload.data.bytes).join(''));
  }

  /** Rewrites round k's output or proof over the same chunks, re-signed by the mix server. */
  setRoundBytes(k: number, part: 'output' | 'proof', bytes: Uint8Array): void {
    const chunks = this.roundChunks(k, part);
    const hex = toHex(bytes);
    const size = 2 * Math.ceil(hex.length / 2 / chunks.length);
    chunks.forEach((e, i) => {
      e.payload = { ...e.payload, data: { ...e.payload.data, bytes: hex.slice(i * size, (i + 1) * size) } };
      this.resign(e);
    });
  }

  /** Changes every later occurrence of a field value (e.g. a list hash) in the payloads of the given types, re-signing. */
  replaceEverywhere(from: string, to: string): void {
    for (const e of this.entries) {
      const text = JSON.stringify(e.payload);
      if (!text.includes(from)) continue;
      e.payload = JSON.parse(text.split(from).join(to));
      this.resign(e);
    }
  }

  /** Inserts an entry at position `at`; every entry is renumbered at once. */
  insert(at: number, e: RawEntry): void {
    this.entries.splice(at, 0, e);
    this.entries.forEach((x, i) => (x.index = i));
  }

  /** Removes the entry at position `at`; every entry is renumbered at once. */
  remove(at: number): RawEntry {
    const [e] = this.entries.splice(at, 1);
    this.entries.forEach((x, i) => (x.index = i));
    return e;
  }

  /**
   * Writes the transcript: every entry renumbered and re-hashed, and (unless `keepHeads`) every
   * head re-signed by the board over the new leaves, so that only deeper checks can object.
   */
  write(options: { keepHeads?: boolean; renumber?: boolean } = {}): string {
    if (options.renumber !== false) this.entries.forEach((e, i) => (e.index = i));
    for (const e of this.entries) e.leaf_hash = toHex(entryLeafHash(e as never));
    const count = this.entries.length;
    if (!options.keepHeads) {
      const leaves = this.entries.map((e) => fromHex(e.leaf_hash));
      let heads = this.heads.filter((h) => h.size <= count);
      if (heads[heads.length - 1]?.size !== count) heads.push({ ...this.heads[this.heads.length - 1], size: count });
      heads = heads.map((h) => signTreeHead(this.boardKey, { board: h.board, size: h.size, timestamp: h.timestamp, root: toHex(merkleTreeHash(leaves, 0, h.size)) }) as RawHead);
      this.heads = heads;
      this.index.head = heads[heads.length - 1];
      this.index.entries.count = count;
    }
    for (let f = 0; f * PER_FILE < Math.max(count, 1); f++) {
      const lines = this.entries.slice(f * PER_FILE, (f + 1) * PER_FILE).map((e) => canonicalJson(e as never) + '\n');
      writeFileSync(join(this.dir, `log/entries-${String(f).padStart(6, '0')}.jsonl`), lines.join(''));
    }
    writeFileSync(join(this.dir, 'log/heads.jsonl'), this.heads.map((h) => canonicalJson(h as never) + '\n').join(''));
    writeFileSync(join(this.dir, 'transcript.json'), JSON.stringify(this.index, null, 2) + '\n');
    return this.dir;
  }
}

/**
 * Phase "log" (docs/transcript.md §8, §10.11 step 1): the genesis entry and the board key, every
 * entry's form, signer and leaf hash, every author signature (in the worker pool), statements
 * never repeated, and every signed head: its root recomputed from the leaves, its signature, the
 * order of the heads, and the transcript's own head.
 */
import { canonicalJson } from '../encoding/canonical-json.js';
import { domainFrame, equalBytes } from '../encoding/bytes.js';
import { sha256 } from '../encoding/hash.js';
import { isHex, parseHex, toHex } from '../encoding/hex.js';
import { fieldsProblem } from '../encoding/shape.js';
import type { VerifierPool } from '../pool.js';
import { equation } from '../report/equation.js';
import type { Findings } from '../report/findings.js';
import type { Progress } from '../report/progress.js';
import type { Transcript } from '../source/transcript.js';
import { fingerprint, keyId } from './ed25519.js';
import { leafHash, statement, type Entry } from './entry.js';
import { prefixRoots } from './merkle.js';
import { verifyHeadSignature, type TreeHead } from './tree-head.js';

export interface VerifiedLog {
  boardId: string;
  boardKey: Uint8Array;
  authorityKey: string;
  /** Recomputed leaf hashes (undefined for a damaged entry). */
  leaves: (Uint8Array | undefined)[];
}

const SIGNATURE_BATCH = 256;

export async function verifyLog(t: Transcript, pinnedKey: string | undefined, findings: Findings, pool: VerifierPool, progress: Progress): Promise<VerifiedLog | null> {
  const genesis = t.entries[0];
  const boardKey = t.boardKey ?? (genesis && isHex(genesis.payload.board_key, 32) ? parseHex(genesis.payload.board_key)! : null);
  if (!boardKey) {
    findings.fail('log.board-key', 'no board key: neither transcript.json nor the genesis entry gives one', { file: 'transcript.json' });
    return null;
  }
  checkPinnedKey(boardKey, pinnedKey, findings);
  const boardId = checkGenesis(t, boardKey, findings);

  // Entries: signer, received, leaf hash, statements.
  const leaves: (Uint8Array | undefined)[] = [];
  const statements: Uint8Array[] = [];
  let lastReceived = 0;
  const seen = new Map<string, number>();
  for (let i = 0; i < t.entries.length; i++) {
    const e = t.entries[i];
    if (!e) continue;
    findings.expect('log.signer', e.signer === keyId(parseHex(e.author)!), 'signer is not the key id of author', e.place);
    findings.expect('log.received', e.received >= lastReceived, `received ${e.received} is earlier than the previous entry's ${lastReceived}`, e.place);
    lastReceived = Math.max(lastReceived, e.received);
    const leaf = leafHash(e);
    leaves[i] = leaf;
    findings.expect('log.leaf-hash', equation('log.leaf-hash', toHex(leaf) === e.leaf_hash), `leaf_hash ${e.leaf_hash} differs from the recomputed ${toHex(leaf)}`, e.place);
    const signed = statement(boardId, e);
    statements[i] = signed;
    const digest = toHex(sha256(signed));
    const earlier = seen.get(digest);
    findings.expect('log.replay', earlier === undefined, `the same signed statement as entry ${earlier} (a replay)`, e.place);
    seen.set(digest, i);
  }
  leaves.length = t.entries.length;

  // Author signatures, in the pool.
  const present = t.entries.filter((e): e is Entry => e !== undefined);
  const bar = progress.start('entry signatures', present.length);
  const verdicts = await pool.map('verifySignatures', present, SIGNATURE_BATCH, (slice) => ({
    keys: slice.map((e) => e.author),
    messages: slice.map((e) => domainFrame('ostraka-entry-v1', statements[e.index])),
    signatures: slice.map((e) => e.signature),
  }), (done) => bar.update(done));
  bar.done();
  verdicts.flat().forEach((ok, k) => findings.expect('log.entry-signature', equation('log.entry-signature', ok), 'the author signature does not verify', present[k].place));

  checkHeads(t, boardId, boardKey, leaves, findings);
  return { boardId, boardKey, authorityKey: t.authorityKey ?? String(genesis?.payload.authority_key ?? ''), leaves };
}

function checkPinnedKey(boardKey: Uint8Array, pinned: string | undefined, findings: Findings): void {
  const fp = fingerprint(boardKey);
  if (pinned === undefined) {
    findings.note(`The board key was not pinned (--board-key): compare its fingerprint ${fp} with the one the board operator published.`);
    return;
  }
  const wanted = pinned.toLowerCase();
  const ok = wanted.includes(':') ? wanted === fp : wanted === toHex(boardKey);
  findings.expect('log.board-key', ok, `the transcript's board key (fingerprint ${fp}) is not the pinned key ${pinned}`, { file: 'transcript.json' });
}

const GENESIS_FIELDS = ['board_id', 'board_key', 'board_key_id', 'authority_key', 'authority_key_id', 'version'];

function checkGenesis(t: Transcript, boardKey: Uint8Array, findings: Findings): string {
  const g = t.entries[0];
  const check = 'log.genesis';
  findings.pass(check);
  const fallbackId = t.boardId ?? '';
  if (!g) {
    findings.fail(check, 'entry 0 (the genesis entry) is missing', { file: 'log/entries-000000.jsonl', line: 1, index: 0 });
    return fallbackId;
  }
  const p = g.payload;
  const fail = (detail: string) => findings.fail(check, detail, g.place);
  if (g.type !== 'board.genesis') fail(`entry 0 has type ${g.type}, not board.genesis`);
  const shape = fieldsProblem(p, GENESIS_FIELDS);
  if (shape) {
    fail(`genesis payload: ${shape}`);
    return fallbackId;
  }
  const boardKeyHex = toHex(boardKey);
  if (p.board_key !== boardKeyHex) fail('the genesis board_key is not the transcript\'s board key');
  if (g.author !== boardKeyHex) fail('the genesis entry is not signed by the board key');
  if (p.board_key_id !== keyId(boardKey)) fail('board_key_id is not the key id of the board key');
  if (p.version !== 1) fail('version is not 1');
  if (!isHex(p.board_id, 16)) fail('board_id is not 16 bytes of hex');
  if (t.boardId !== null && p.board_id !== t.boardId) fail('the genesis board_id is not the transcript\'s board id');
  const authority = parseHex(p.authority_key, 32);
  if (!authority) fail('authority_key is not a 32-byte key in hex');
  else if (p.authority_key_id !== keyId(authority)) fail('authority_key_id is not the key id of authority_key');
  if (t.authorityKey !== null && p.authority_key !== t.authorityKey) fail('the genesis authority_key is not the transcript\'s authority key');
  return typeof p.board_id === 'string' ? p.board_id : fallbackId;
}

function checkHeads(t: Transcript, boardId: string, boardKey: Uint8Array, leaves: (Uint8Array | undefined)[], findings: Findings): void {
  const all: TreeHead[] = [...t.heads];
  if (t.head) all.push(t.head);
  const firstHole = leaves.findIndex((l) => l === undefined);
  const holeAt = firstHole === -1 ? leaves.length : firstHole;
  const roots = prefixRoots(leaves.slice(0, holeAt) as Uint8Array[], all.map((h) => h.size));
  for (const head of all) {
    const place = head.place ?? {};
    findings.expect('log.head-signature', equation('log.head-signature', verifyHeadSignature(boardKey, head)), `the signature of the head of size ${head.size} does not verify under the board key`, place);
    findings.pass('log.head-root');
    if (head.board !== boardId) findings.fail('log.head-root', `the head of size ${head.size} is for board ${head.board}, not ${boardId}`, place);
    else if (head.size > leaves.length) findings.fail('log.head-root', `a head of size ${head.size} beyond the ${leaves.length} entries of the transcript`, place);
    else if (head.size > holeAt) findings.fail('log.head-root', `the root of size ${head.size} cannot be recomputed: entry ${holeAt} is damaged`, place);
    else if (!equation('log.head-root', equalBytes(roots.get(head.size)!, parseHex(head.root)!))) findings.fail('log.head-root', `the root of the head of size ${head.size} is not the Merkle root of entries 0…${head.size - 1}`, place);
  }
  // Order: sizes increase, timestamps never decrease, one root per size; the last is the transcript's head.
  findings.pass('log.head-order', t.heads.length);
  for (let i = 1; i < t.heads.length; i++) {
    const [a, b] = [t.heads[i - 1], t.heads[i]];
    if (b.size <= a.size) findings.fail('log.head-order', `head of size ${b.size} after a head of size ${a.size}`, b.place);
    if (b.timestamp < a.timestamp) findings.fail('log.head-order', `head of size ${b.size} has an earlier timestamp than the head of size ${a.size}`, b.place);
  }
  const last = t.heads[t.heads.length - 1];
  if (t.head && (!last || canonicalJson(strip(last)) !== canonicalJson(strip(t.head)))) {
    findings.fail('log.head-order', 'the last head of log/heads.jsonl is not the head of transcript.json', { file: 'log/heads.jsonl', line: t.heads.length });
  }
}

const strip = (h: TreeHead) => ({ board: h.board, size: h.size, timestamp: h.timestamp, root: h.root, signature: h.signature });

import { fromHex, toHex } from '@ostraka/crypto';
import { ciphertextListHash, type BallotData } from '@ostraka/protocol';
import {
  entryLeafHash,
  logEntrySchema,
  treeHeadSchema,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
  type LogEntry,
  type TreeHead,
} from '@ostraka/protocol/log';
import { ballotTracker } from './ballot.js';
import { boardRequest } from './board-http.js';
import type { Receipt } from './cast.js';

export interface ReceiptCheck {
  /** Every check passed (the ballot is published under heads the board signed, consistently). */
  readonly ok: boolean;
  /** counted: in the first mix's input; replaced: a later ballot of the same credential counts; pending: voting not closed yet. */
  readonly counted: 'counted' | 'replaced' | 'pending' | 'missing';
  readonly checks: { readonly name: string; readonly ok: boolean; readonly detail: string }[];
}

/**
 * Checks a receipt against the board, trusting nothing it says (docs/election.md §5): the head
 * in the receipt is signed by the board key in the receipt; the entry at the receipt's index has
 * the receipt's leaf hash and carries the ballot with the receipt's tracker; an inclusion proof
 * puts it under that head; the board's latest head is consistent with it (no rewritten history);
 * and, once voting is closed, whether the ballot is in the ballot box.
 */
/** The index of a ballot of `credential` cast after the receipt's, or null. */
async function laterBallotOf(boardUrl: string, receipt: Receipt, credential: string, fetchImpl: typeof fetch): Promise<number | null> {
  for (let after = receipt.entry.index; ; ) {
    const page = await boardRequest<{ entries: LogEntry[]; next_after: number | null }>(
      boardUrl,
      'GET',
      `/log/types/message.inbox/entries?election=${receipt.election}&after=${after}`,
      undefined,
      fetchImpl,
    );
    const hit = page.entries.find((e) => (e.payload as { data?: BallotData }).data?.credential === credential);
    if (hit) return hit.index;
    if (page.next_after === null) return null;
    after = page.next_after;
  }
}

/**
 * The first mix input's list hash as the log fixes it: the `input_hash` of the election's `mixing`
 * state entry, checked to be in the log under `head` (a head already verified). Null if not.
 */
async function fixedInputHash(boardUrl: string, election: string, index: number | undefined, head: TreeHead, fetchImpl: typeof fetch): Promise<string | null> {
  if (index === undefined || !Number.isSafeInteger(index) || index < 0 || index >= head.size) return null;
  const entry = logEntrySchema.parse(await boardRequest(boardUrl, 'GET', `/log/entries/${index}`, undefined, fetchImpl)) as LogEntry;
  const proof = await boardRequest<{ proof: string[] }>(boardUrl, 'GET', `/log/proof/inclusion?index=${index}&size=${head.size}`, undefined, fetchImpl);
  if (entry.index !== index || !verifyInclusion(index, head.size, entryLeafHash(entry), proof.proof.map((p) => fromHex(p)), fromHex(head.root))) return null;
  const p = entry.payload as { election?: unknown; state?: unknown; input_hash?: unknown };
  if (entry.type !== 'election.state' || p.election !== election || p.state !== 'mixing' || typeof p.input_hash !== 'string') return null;
  return p.input_hash;
}

export async function checkReceipt(boardUrl: string, receipt: Receipt, fetchImpl: typeof fetch = fetch): Promise<ReceiptCheck> {
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const boardKey = fromHex(receipt.board_key, 'board_key', 32);
  const head = treeHeadSchema.parse(receipt.tree_head) as TreeHead;
  check('signed head', head.board === receipt.board && verifyTreeHead(boardKey, head), `head of size ${head.size} signed by the board key`);

  const entry = logEntrySchema.parse(await boardRequest(boardUrl, 'GET', `/log/entries/${receipt.entry.index}`, undefined, fetchImpl)) as LogEntry;
  const leaf = entryLeafHash(entry);
  check('entry', toHex(leaf) === receipt.entry.leaf_hash, `entry ${receipt.entry.index} has the receipt's leaf hash`);
  const ballot = (entry.payload as { data?: BallotData }).data;
  check('ballot', ballot !== undefined && ballot.election === receipt.election && ballotTracker(ballot) === receipt.tracker, 'the entry holds the ballot with this tracker');

  const inclusion = await boardRequest<{ proof: string[] }>(boardUrl, 'GET', `/log/proof/inclusion?index=${receipt.entry.index}&size=${head.size}`, undefined, fetchImpl);
  check('inclusion', verifyInclusion(receipt.entry.index, head.size, leaf, inclusion.proof.map((p) => fromHex(p)), fromHex(head.root)), `inclusion proof under the head of size ${head.size}`);

  const latest = treeHeadSchema.parse(await boardRequest(boardUrl, 'GET', '/log/head', undefined, fetchImpl)) as TreeHead;
  let consistent = latest.board === receipt.board && verifyTreeHead(boardKey, latest) && latest.size >= head.size;
  // Two signed heads of one size with different roots are the board's equivocation itself.
  if (consistent && latest.size === head.size) consistent = latest.root === head.root;
  if (consistent && latest.size > head.size) {
    const c = await boardRequest<{ proof: string[] }>(boardUrl, 'GET', `/log/proof/consistency?first=${head.size}&second=${latest.size}`, undefined, fetchImpl);
    consistent = verifyConsistency(head.size, latest.size, fromHex(head.root), fromHex(latest.root), c.proof.map((p) => fromHex(p)));
  }
  check('consistency', consistent, `the board's latest head (size ${latest.size}) extends the receipt's head`);

  let counted: ReceiptCheck['counted'] = 'pending';
  const status = await boardRequest<{ state: string; input: { hash: string } | null; transitions?: Record<string, number> }>(
    boardUrl,
    'GET',
    `/elections/${receipt.election}`,
    undefined,
    fetchImpl,
  );
  if (status.input && ballot) {
    const input = await boardRequest<{ group: string; width: number; count: number; ciphertexts: string }>(boardUrl, 'GET', `/elections/${receipt.election}/rounds/1/input`, undefined, fetchImpl);
    const width = ballot.ciphertext.length;
    // The list shown must be the list the log fixes as the first mix's input, or a board could show
    // the voter one list and mix another: hash it, and read the hash from the log itself.
    const fixed = consistent ? await fixedInputHash(boardUrl, receipt.election, status.transitions?.mixing, latest, fetchImpl) : null;
    const listHash =
      input.ciphertexts.length === input.count * width && /^[0-9a-f]*$/.test(input.ciphertexts)
        ? toHex(ciphertextListHash(input.group, receipt.election, input.width, input.count, fromHex(input.ciphertexts)))
        : null;
    const listFixed = fixed !== null && listHash === fixed;
    let found = false;
    for (let i = 0; i < input.ciphertexts.length && !found; i += width) found = input.ciphertexts.slice(i, i + width) === ballot.ciphertext;
    if (!listFixed) {
      counted = 'missing';
      check('counted', false, 'the first mix input the board shows is not the list its log fixes (its hash differs from the mixing entry\'s input_hash)');
    } else if (found) {
      counted = 'counted';
      check('counted', true, 'the ballot is in the first mix input');
    } else {
      const later = await laterBallotOf(boardUrl, receipt, ballot.credential, fetchImpl);
      counted = later === null ? 'missing' : 'replaced';
      check(
        'counted',
        later !== null,
        later === null
          ? 'the ballot is NOT in the first mix input and no later ballot of its credential replaced it: the board dropped it'
          : `a later ballot of the same credential (entry ${later}) replaced it`,
      );
    }
  }
  return { ok: checks.every((c) => c.ok), counted, checks };
}

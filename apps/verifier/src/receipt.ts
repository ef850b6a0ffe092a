/**
 * A voter's receipt (`--receipt FILE`; docs/transcript.md §10.11 step 6, docs/election.md §5):
 * `{type: "ostraka.receipt", board, board_key, election, tracker, entry: {index, leaf_hash},
 * tree_head}`. The head is signed by the board and is a prefix of the transcript's log; the entry
 * is included under it (RFC 9162 inclusion proof); it is a ballot of this election with that
 * tracker; and it was counted (the last ballot of its credential, in the ballot box) or the
 * precise reason it was not.
 */
import { isRecord, type Json } from './encoding/canonical-json.js';
import { parseHex, toHex } from './encoding/hex.js';
import { fieldsProblem, isInteger } from './encoding/shape.js';
import { ballotBox } from './election/ballots.js';
import type { ElectionRecord } from './election/record.js';
import { inclusionPath, verifyInclusion } from './log/merkle.js';
import { asTreeHead, verifyHeadSignature } from './log/tree-head.js';
import type { VerifiedLog } from './log/verify-log.js';
import type { Findings } from './report/findings.js';

export interface ReceiptOutcome {
  status: 'counted' | 'replaced' | 'not counted' | 'invalid';
  detail: string;
  /** Position in the ballot box (the first mix's input), when counted. */
  position?: number;
}

export function checkReceipt(receipt: Json, file: string, log: VerifiedLog, election: ElectionRecord | undefined, findings: Findings): ReceiptOutcome {
  const place = { file };
  const invalid = (check: string, detail: string): ReceiptOutcome => {
    findings.fail(check, detail, place);
    return { status: 'invalid', detail };
  };
  findings.pass('receipt.format');
  const shape = fieldsProblem(receipt, ['type', 'board', 'board_key', 'election', 'tracker', 'entry', 'tree_head']);
  if (shape || !isRecord(receipt)) return invalid('receipt.format', `not a receipt: ${shape}`);
  if (receipt.type !== 'ostraka.receipt') return invalid('receipt.format', 'type is not ostraka.receipt');
  const e = receipt.entry;
  if (fieldsProblem(e, ['index', 'leaf_hash']) || !isRecord(e) || !isInteger(e.index) || !parseHex(e.leaf_hash, 32)) return invalid('receipt.format', 'entry is not {index, leaf_hash}');
  const head = asTreeHead(receipt.tree_head);
  if (typeof head === 'string') return invalid('receipt.format', `tree_head: ${head}`);
  findings.pass('receipt.board');
  if (receipt.board !== log.boardId || receipt.board_key !== toHex(log.boardKey)) return invalid('receipt.board', 'the receipt is for another board or board key than the transcript');
  if (!election || receipt.election !== election.id) return invalid('receipt.board', `the receipt is for election ${String(receipt.election)}, not the transcript's`);

  findings.pass('receipt.head');
  if (head.board !== log.boardId || !verifyHeadSignature(log.boardKey, head)) return invalid('receipt.head', 'the receipt\'s tree head is not signed by the board');
  if (head.size > log.leaves.length) return invalid('receipt.head', `the receipt's head (size ${head.size}) is newer than the transcript (size ${log.leaves.length}): verify a newer transcript`);
  const leaves = log.leaves.slice(0, head.size);
  if (leaves.some((l) => l === undefined)) return invalid('receipt.head', 'the transcript has damaged entries below the receipt\'s head');
  findings.pass('receipt.inclusion');
  const index = e.index;
  if (index >= head.size) return invalid('receipt.inclusion', `entry ${index} is not below the receipt's head (size ${head.size})`);
  const leaf = parseHex(e.leaf_hash)!;
  const path = inclusionPath(leaves as Uint8Array[], index);
  if (!verifyInclusion(index, head.size, leaf, path, parseHex(head.root)!)) {
    return invalid('receipt.inclusion', `entry ${index} with leaf hash ${String(e.leaf_hash)} is not in the log under the receipt's head: the board's signed head and the transcript disagree (rewritten log), or the receipt is not genuine`);
  }

  findings.pass('receipt.ballot');
  const ballot = election.ballots.find((b) => b.entry === index);
  if (!ballot) return invalid('receipt.ballot', `entry ${index} is not a ballot of election ${election.id}`);
  if (ballot.tracker !== receipt.tracker) return invalid('receipt.ballot', `the ballot's tracker is ${ballot.tracker}, not the receipt's ${String(receipt.tracker)}`);

  const box = ballotBox(election);
  const position = box.ballots.findIndex((b) => b.entry === index);
  if (position >= 0) {
    if (election.input === null) return { status: 'not counted', detail: 'the ballot is the last of its credential, but the election has not started mixing' };
    return { status: 'counted', detail: `the ballot is ciphertext ${position} of the ballot box, the first mix's input`, position };
  }
  const later = election.ballots.filter((b) => b.credential === ballot.credential && b.entry > index).pop();
  return { status: 'replaced', detail: `not counted: a later ballot of the same credential (entry ${later?.entry}) replaced it; only the last ballot of a credential counts` };
}

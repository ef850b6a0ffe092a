import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BoardRequestError, checkReceipt, type Receipt, type ReceiptCheck } from '@ostraka/client';
import { DecodeError } from '@ostraka/crypto';

const USAGE = `usage: ostraka receipt check --board URL RECEIPT_FILE [--json]

Checks a ballot's receipt against the board, trusting nothing the board says: the tree head in the
receipt is signed by the board key in the receipt; the entry at the receipt's index has the
receipt's leaf hash and holds the ballot with the receipt's tracker; an inclusion proof puts it
under that head; the board's latest head is consistent with it; and, once voting is closed,
whether the ballot is counted (in the first mix's input) or replaced by a later ballot of the same
credential (docs/election.md §5).

options:
  --board URL   the board (default: $OSTRAKA_BOARD_URL)
  --json        print the result as one JSON document on stdout
  --help        show this help

Exit codes: 0 every check passes and the ballot is counted, replaced or pending (voting not
closed yet); 1 a check fails or the ballot is missing; 2 bad usage or an unreadable receipt.`;

const STATUS: Record<ReceiptCheck['counted'], string> = {
  counted: 'COUNTED: the ballot is in the ballot box the mix servers shuffled',
  replaced: 'REPLACED: a later ballot of the same credential counts instead (the last ballot counts)',
  pending: 'PENDING: voting is not closed yet; check again after it closes',
  missing: 'MISSING: the ballot is not in the ballot box and nothing replaced it',
};

class ReceiptUsage extends Error {}

function readReceipt(path: string): Receipt {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReceiptUsage(`${path} cannot be read as JSON (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const r = json as Partial<Receipt> | null;
  const hex = (v: unknown, chars: number) => typeof v === 'string' && new RegExp(`^[0-9a-f]{${chars}}$`).test(v);
  if (
    r === null ||
    typeof r !== 'object' ||
    r.type !== 'ostraka.receipt' ||
    typeof r.board !== 'string' ||
    !hex(r.board_key, 64) ||
    typeof r.election !== 'string' ||
    !hex(r.tracker, 64) ||
    !Number.isSafeInteger(r.entry?.index) ||
    !hex(r.entry?.leaf_hash, 64) ||
    typeof r.tree_head !== 'object'
  )
    throw new ReceiptUsage(`${path} is not an ostraka ballot receipt (type "ostraka.receipt" with board, board_key, election, tracker, entry and tree_head)`);
  return r as Receipt;
}

async function check(args: string[]): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { board: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } }));
  } catch (e) {
    console.error(`ostraka receipt check: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const board = values.board ?? process.env.OSTRAKA_BOARD_URL;
  let receipt: Receipt;
  try {
    if (!board) throw new ReceiptUsage('--board URL is required');
    if (positionals.length !== 1) throw new ReceiptUsage('give exactly one receipt file');
    receipt = readReceipt(positionals[0]);
  } catch (e) {
    if (!(e instanceof ReceiptUsage)) throw e;
    console.error(`ostraka receipt check: ${e.message}${/required|exactly/.test(e.message) ? `\n\n${USAGE}` : ''}`);
    return 2;
  }

  let result: ReceiptCheck;
  try {
    result = await checkReceipt(board, receipt);
  } catch (e) {
    if (e instanceof BoardRequestError && e.status === 404) {
      // The entry the receipt names does not exist: the board lost or never kept the ballot.
      result = { ok: false, counted: 'missing', checks: [{ name: 'entry', ok: false, detail: `the board has no entry ${receipt.entry.index}: ${e.message}` }] };
    } else if (e instanceof BoardRequestError) {
      console.error(`ostraka receipt check: ${e.status === 0 ? e.message : `the board answered ${e.status} ${e.code}: ${e.message}`}`);
      return 1;
    } else if (e instanceof DecodeError || (e as Error).name === 'ZodError') {
      console.error(`ostraka receipt check: ${positionals[0]} is not a well-formed receipt (${(e as Error).message.split('\n')[0]})`);
      return 2;
    } else throw e;
  }
  const valid = result.ok && result.counted !== 'missing';
  if (values.json) console.log(JSON.stringify({ receipt: positionals[0], election: receipt.election, tracker: receipt.tracker, valid, ...result }));
  else {
    console.log(`receipt  ${positionals[0]}: election ${receipt.election}, tracker ${receipt.tracker}`);
    for (const c of result.checks) console.log(`${c.ok ? '  ok    ' : '  FAIL  '}${c.name}: ${c.detail}`);
    console.log(STATUS[result.counted]);
    console.log(valid ? 'the receipt checks out' : 'THE RECEIPT DOES NOT CHECK OUT: keep it and report it to the election authority');
  }
  return valid ? 0 : 1;
}

/** `ostraka receipt …`: the voter's checks of a receipt. */
export async function main(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return check(rest);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub ? console.log : console.error)(USAGE);
    return sub ? 0 : 2;
  }
  console.error(`ostraka receipt: unknown command "${sub}"\n\n${USAGE}`);
  return 2;
}

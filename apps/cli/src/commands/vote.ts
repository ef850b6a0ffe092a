import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ballotTracker, BoardRequestError, boardRequest, castBallot, createBallot, credentialKey, CredentialCodeError, normalizeCredentialCode } from '@ostraka/client';
import type { FullManifest } from '@ostraka/protocol';
import { answersFromFile, answersFromFlags, ChoiceError, describeAnswers, readBallot } from '../voter/answers.js';

const USAGE = `usage: ostraka vote --board URL --election ID (--code-file FILE | --code-stdin)
                    (--choices FILE | --answer QUESTION=VALUE …) [--receipt FILE]

Encrypts your answers under the election key, proves it (bound to the election and to your
credential), signs the ballot with the credential derived from your code, casts it, and saves
your receipt. You may vote again: your last ballot counts.

options:
  --board URL          the board (default: $OSTRAKA_BOARD_URL)
  --election ID        the election id
  --code-file FILE     a file holding your voting code (K7QM-2XH9-…); never give it on the command line
  --code-stdin         read the code from standard input
  --choices FILE       your answers: a JSON object keyed by question id, or an array in question order
  --answer Q=VALUE     one answer (repeat for every question); candidates by index or by name:
                         mayor=2  mayor="Bruno Keller"  mayor=blank
                         council=0,3  council=none  (approval)
                         budget=2,0,1  (ranked, most preferred first)
                         motto=Forward together  motto=  (write-in; empty = blank)
  --receipt FILE       where to save the receipt (default: receipt-<tracker prefix>.json; never overwritten)
  --help               show this help

Exit codes: 0 cast (receipt saved); 1 the board refused the ballot, the election is not open, or the
board cannot be reached; 2 bad usage, an unreadable or mistyped code, answers that break the rules.`;

class VoteUsage extends Error {}

interface ElectionStatus {
  id: string;
  state: string;
  manifest: FullManifest;
  joint_key: string | null;
  ballot_cycle: number | null;
}

function readCode(values: { 'code-file'?: string; 'code-stdin'?: boolean }): string {
  if (values['code-file'] !== undefined && values['code-stdin']) throw new VoteUsage('give --code-file or --code-stdin, not both');
  let text: string;
  if (values['code-file'] !== undefined) {
    try {
      text = readFileSync(values['code-file'], 'utf8');
    } catch (e) {
      throw new VoteUsage(`the code file ${values['code-file']} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  } else if (values['code-stdin']) text = readFileSync(0, 'utf8');
  else throw new VoteUsage('your voting code is needed: --code-file FILE or --code-stdin (never on the command line)');
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  try {
    return normalizeCredentialCode(line);
  } catch (e) {
    if (e instanceof CredentialCodeError) throw new VoteUsage(`your voting code: ${e.message}`);
    throw e;
  }
}

const STATE_MESSAGES: Record<string, string> = {
  draft: 'the election is still being prepared; voting has not opened yet',
  'key-ceremony': 'the trustees are still making the election key; voting has not opened yet',
  ready: 'voting has not opened yet',
  'voting-closed': 'voting is closed',
  mixing: 'voting is closed (the ballots are being mixed)',
  decrypting: 'voting is closed (the ballots are being decrypted)',
  tallied: 'voting is closed and the election is tallied',
};

/** What the board's refusal means for the voter. */
function refusal(e: BoardRequestError, election: string): string {
  if (e.status === 0) return e.message;
  if (e.code === 'WRONG_STATE' || (e.status === 409 && /state|closed|open/i.test(e.message))) return `the board refused the ballot: voting is not open (${e.message})`;
  if (e.status === 403) return `the board does not know this credential: the code is not a voting code of election "${election}" (${e.message})`;
  if (e.code === 'DUPLICATE' || e.status === 409) return `the board refused the ballot as a copy or a replay of a ballot already cast (${e.message})`;
  if (e.code === 'BAD_BALLOT') return `the board refused the ballot as invalid (${e.message})`;
  return `the board refused the ballot: ${e.status} ${e.code}: ${e.message}`;
}

/** `ostraka vote`: encrypt, prove, sign and cast a ballot; save the receipt. */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        board: { type: 'string' },
        election: { type: 'string' },
        'code-file': { type: 'string' },
        'code-stdin': { type: 'boolean' },
        choices: { type: 'string' },
        answer: { type: 'string', multiple: true },
        receipt: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    const hint = /'--code'/.test((e as Error).message) ? ' (a voting code is never given on the command line: use --code-file or --code-stdin)' : '';
    console.error(`ostraka vote: ${(e as Error).message}${hint}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const board = values.board ?? process.env.OSTRAKA_BOARD_URL;
  try {
    if (!board) throw new VoteUsage('--board URL is required');
    if (!values.election) throw new VoteUsage('--election ID is required');
    if ((values.choices === undefined) === (values.answer === undefined)) throw new VoteUsage('give your answers with --choices FILE or with --answer QUESTION=VALUE (one of the two)');
    if (values.receipt !== undefined && existsSync(values.receipt)) throw new VoteUsage(`${values.receipt} already exists; choose another --receipt file`);
    let choicesJson: unknown;
    if (values.choices !== undefined) {
      try {
        choicesJson = JSON.parse(readFileSync(values.choices, 'utf8'));
      } catch (e) {
        throw new VoteUsage(`the choices file ${values.choices} cannot be read as JSON (${(e as Error).message})`);
      }
    }
    const code = readCode(values);

    let status: ElectionStatus;
    try {
      status = await boardRequest<ElectionStatus>(board, 'GET', `/elections/${encodeURIComponent(values.election)}`);
    } catch (e) {
      if (e instanceof BoardRequestError && e.status === 404) return fail(`there is no election "${values.election}" on the board at ${board}`);
      if (e instanceof BoardRequestError) return fail(e.status === 0 ? e.message : `the board answered ${e.status} ${e.code}: ${e.message}`);
      throw e;
    }
    const manifest = status.manifest;
    if (status.state !== 'voting-open' || status.joint_key === null || status.ballot_cycle === null)
      return fail(`election "${manifest.id}" (${manifest.title}): ${STATE_MESSAGES[status.state] ?? `it is ${status.state}`}; no ballot was cast`);

    const answers = readBallot(manifest.questions, choicesJson === undefined ? answersFromFlags(values.answer ?? []) : answersFromFile(manifest.questions, choicesJson));
    const credential = credentialKey(manifest.id, code);
    const ballot = createBallot(manifest, status.joint_key, answers, credential);
    const tracker = ballotTracker(ballot);
    const receiptFile = values.receipt ?? `receipt-${tracker.slice(0, 8)}.json`;
    if (existsSync(receiptFile)) throw new VoteUsage(`${receiptFile} already exists; choose another --receipt file`);

    console.log(`election   ${manifest.id}: ${manifest.title}`);
    for (const [k, line] of describeAnswers(manifest.questions, answers).entries()) console.log(`${k === 0 ? 'your vote ' : '          '} ${line}`);
    let receipt;
    try {
      receipt = await castBallot(board, { id: manifest.id, authority: manifest.authority, ballotCycle: status.ballot_cycle }, ballot, credential);
    } catch (e) {
      if (e instanceof BoardRequestError) return fail(`${refusal(e, manifest.id)}; no ballot was cast`);
      throw e;
    }
    const text = JSON.stringify(receipt, null, 2) + '\n';
    try {
      writeFileSync(receiptFile, text, { flag: 'wx' });
    } catch (e) {
      console.log(`cast       entry ${receipt.entry.index}; tracker ${receipt.tracker}`);
      console.error(`ostraka vote: your ballot was cast, but the receipt could not be saved to ${receiptFile} (${(e as Error).message}); here it is, keep it:\n${text}`);
      return 1;
    }
    console.log(`cast       entry ${receipt.entry.index} of the board's log, under its signed head of size ${receipt.tree_head.size}`);
    console.log(`tracker    ${receipt.tracker}`);
    console.log(`receipt    ${receiptFile}`);
    console.log(`check it   ostraka receipt check --board ${board} ${receiptFile}`);
    return 0;
  } catch (e) {
    if (e instanceof VoteUsage || e instanceof ChoiceError) {
      console.error(`ostraka vote: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

function fail(message: string): number {
  console.error(`ostraka vote: ${message}`);
  return 1;
}

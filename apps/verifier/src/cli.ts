/**
 * `ostraka-verify DIR` or `ostraka-verify --board URL --election ID`, with `--board-key HEX|FINGERPRINT`,
 * `--receipt FILE`, `--workers K`, `--json`. Exit code 0: everything valid; 1: anything invalid
 * (a malformed, truncated or incomplete transcript included); 2: bad usage or unreadable location.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseJson, type Json } from './encoding/canonical-json.js';
import { renderReport } from './report/render.js';
import { silentProgress, stderrProgress } from './report/progress.js';
import { downloadTranscript } from './source/download.js';
import { UnreadableLocation, type RawTranscript } from './source/raw-transcript.js';
import { readTranscriptDirectory } from './source/read-directory.js';
import { verifyTranscript } from './verify.js';

const USAGE = `usage: ostraka-verify DIR [options]
       ostraka-verify --board URL --election ID [options]

Verifies an ostraka election transcript (docs/transcript.md §10.10) from a directory, or downloaded
from a board, and every proof and inclusion claim in it.

options:
  --board-key HEX|FINGERPRINT  the board key obtained out of band (its hex, or its fingerprint aaaa:bbbb:…)
  --receipt FILE               also check a voter's receipt: in the log under a signed head, and counted
  --workers K                  worker threads (default: all cores, ${availableParallelism()} here)
  --json                       print one JSON document instead of the human report
  --quiet                      no progress on stderr
  -h, --help                   this text

exit code: 0 valid, 1 invalid (anything at all), 2 bad usage or unreadable location
`;

interface Args {
  dir?: string;
  board?: string;
  election?: string;
  boardKey?: string;
  receipt?: string;
  workers?: number;
  json: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { json: false, quiet: false };
  const valued = new Set(['--board', '--election', '--board-key', '--receipt', '--workers']);
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let value: string | undefined;
    if (a.startsWith('--') && a.includes('=')) [a, value] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    if (valued.has(a)) {
      value ??= argv[++i];
      if (value === undefined || value === '') return `${a} needs a value`;
    }
    switch (a) {
      case '--board': args.board = value; break;
      case '--election': args.election = value; break;
      case '--board-key':
        if (!/^([0-9a-fA-F]{64}|[0-9a-fA-F]{4}(:[0-9a-fA-F]{4}){4})$/.test(value!)) return '--board-key must be 32 bytes of hex or a fingerprint aaaa:bbbb:cccc:dddd:eeee';
        args.boardKey = value;
        break;
      case '--receipt': args.receipt = value; break;
      case '--workers':
        if (!/^[1-9][0-9]{0,3}$/.test(value!)) return '--workers must be a positive integer';
        args.workers = Number(value);
        break;
      case '--json': args.json = true; break;
      case '--quiet': args.quiet = true; break;
      default:
        if (a.startsWith('-')) return `unknown option ${a}`;
        if (args.dir !== undefined) return 'only one transcript directory';
        args.dir = a;
    }
  }
  if (args.dir !== undefined && args.board !== undefined) return 'give a directory or --board, not both';
  if (args.dir === undefined && args.board === undefined) return 'give a transcript directory or --board URL --election ID';
  if (args.board !== undefined && args.election === undefined) return '--board needs --election ID';
  if (args.dir !== undefined && args.election !== undefined) return '--election goes with --board (a directory names its election)';
  return args;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`ostraka-verify: ${args}\n\n${USAGE}`);
    return 2;
  }
  const progress = args.quiet ? silentProgress : stderrProgress();
  let receipt: { file: string; value: Json } | undefined;
  if (args.receipt !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.receipt, 'utf8');
    } catch (e) {
      process.stderr.write(`ostraka-verify: cannot read the receipt ${args.receipt}: ${(e as Error).message}\n`);
      return 2;
    }
    // A receipt that is not JSON is an invalid receipt (exit 1), reported like any other failure.
    receipt = { file: args.receipt, value: parseJson(text)?.value ?? text };
  }
  let raw: RawTranscript;
  try {
    if (args.dir !== undefined) raw = readTranscriptDirectory(args.dir);
    else {
      const step = progress.start(`download ${args.board}`, 1);
      raw = await downloadTranscript({ board: args.board!, election: args.election!, onProgress: (done) => step.update(done) });
      step.done();
    }
  } catch (e) {
    if (e instanceof UnreadableLocation) {
      process.stderr.write(`ostraka-verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const report = await verifyTranscript(raw, { boardKey: args.boardKey, workers: args.workers, progress, receipt });
  process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : renderReport(report));
  return report.ok ? 0 : 1;
}

import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { DemoFailure, DemoStepError, OutputDirError, runDemo, type DemoOptions } from '../demo/index.js';

const USAGE = `usage: npm run demo -- [options]      (or: ostraka demo [options])

Runs a complete election on this machine with real processes: a board (\`ostraka board serve\`),
the trustees' tool (\`ostraka trustee …\`, one directory per trustee's laptop), mix servers
(\`ostraka mix run\`), voters casting with the voting client (one with \`ostraka vote\`), the
decryption and the tally, which must equal the count of what was cast. Then it exports the
transcript, checks a sample of receipts with \`ostraka receipt check\`, and prints the results.

options:
  --voters N            voters (default 1000)
  --mixers K            mix servers (default 3)
  --trustees N          trustees (default 5)
  --threshold T         trustees needed to decrypt (default 3)
  --absent LIST         trustees absent at decryption, e.g. 2,5 (default: the last one when N > T)
  --group G             ristretto255 (default) or p256
  --out DIR             output directory (default ./demo-out; a previous demo's output is replaced,
                        any other non-empty directory is refused)
  --concurrency C       ballots in flight (default 32)
  --kdf-cost C          scrypt cost of the trustees' keystores, 14..20 (default: the tool's, 17)
  --mix-workers W       worker threads per mix server (default: one per core)
  --seed S              seed of the simulated voters' choices (default: random)
  --help                show this help

Everything lands in DIR: the board's database and keys, each trustee's and mix server's files,
voter-codes.csv, kept receipts, logs of every process, the transcript, results.txt and results.json.`;

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) throw new RangeError(`--${name} must be an integer from ${min} to ${max}`);
  return Number(value);
}

function parse(args: string[]): DemoOptions | 'help' {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      voters: { type: 'string' },
      mixers: { type: 'string' },
      trustees: { type: 'string' },
      threshold: { type: 'string' },
      absent: { type: 'string' },
      group: { type: 'string' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      'kdf-cost': { type: 'string' },
      'mix-workers': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new RangeError(`unexpected argument "${positionals[0]}"`);
  if (values.group !== undefined && values.group !== 'ristretto255' && values.group !== 'p256') throw new RangeError('--group must be ristretto255 or p256');
  const trustees = integer(values.trustees, 'trustees', 1, 32) ?? 5;
  const threshold = integer(values.threshold, 'threshold', 1, trustees) ?? Math.min(3, trustees);
  const absent = values.absent === undefined ? undefined : values.absent.split(',').filter((s) => s !== '').map((s) => integer(s.trim(), 'absent', 1, trustees) as number);
  if (absent && trustees - new Set(absent).size < threshold) throw new RangeError(`with ${new Set(absent).size} of ${trustees} trustees absent, fewer than the threshold ${threshold} could decrypt`);
  return {
    voters: integer(values.voters, 'voters', 1, 10_000_000),
    mixers: integer(values.mixers, 'mixers', 1, 32),
    trustees,
    threshold,
    absent,
    group: values.group as DemoOptions['group'],
    out: values.out,
    concurrency: integer(values.concurrency, 'concurrency', 1, 1024),
    kdfCost: integer(values['kdf-cost'], 'kdf-cost', 14, 20),
    mixWorkers: integer(values['mix-workers'], 'mix-workers', 1, 256),
    seed: integer(values.seed, 'seed', 0, 2 ** 32 - 1),
  };
}

/** `ostraka demo` (`npm run demo`): the whole election; exit 0 when the tally equals what was cast and every check passes. */
export async function main(args: string[]): Promise<number> {
  let options: DemoOptions | 'help';
  try {
    options = parse(args);
  } catch (e) {
    console.error(`ostraka demo: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\n${signal}: stopping the board and every process of the demo (again to quit at once) …\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = performance.now();
  try {
    const result = await runDemo({ ...options, signal: controller.signal });
    const out = relative(process.cwd(), result.dir) || '.';
    console.log(`\n${result.table}\n`);
    console.log(`The tally equals the count of the ballots the demo cast; trustees ${result.decryptions.join(', ')} decrypted${result.absent.length ? ` (trustee ${result.absent.join(', ')} absent)` : ''}.`);
    console.log(`Receipts checked: ${result.receipts.length} (${result.receipts.map((r) => r.counted).join(', ')}).`);
    console.log(`Time per phase: ${result.phases.map((p) => `${p.phase} ${p.seconds.toFixed(1)} s`).join(', ')}; total ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    console.log(`Everything is in ${out}/ (voter codes: ${out}/voter-codes.csv; logs: ${out}/logs/).\n`);
    console.log(`Verify the election from its transcript alone:\n\n  npx ostraka-verify ${out}/transcript\n`);
    return 0;
  } catch (e) {
    if (controller.signal.aborted) {
      console.error('ostraka demo: interrupted; every process it started is stopped');
      return 130;
    }
    if (e instanceof OutputDirError || e instanceof RangeError) {
      console.error(`ostraka demo: ${e.message}`);
      return 2;
    }
    if (e instanceof DemoFailure) console.error(`\nDEMO FAILED: ${e.message}`);
    else if (e instanceof DemoStepError) console.error(`\nostraka demo: a step failed: ${e.message}`);
    else console.error(`\nostraka demo: ${(e as Error).stack ?? e}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

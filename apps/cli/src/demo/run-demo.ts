import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, type Json, type Question, type Tally } from '@ostraka/protocol';
import { DEMO_QUESTIONS } from './demo-questions.js';
import { DemoElection, DemoFailure } from './demo-election.js';
import { ExpectedCount, tallyDifferences } from './expected-count.js';
import { runMixServers, type MixServerKill } from './mixing.js';
import { prepareOutputDir } from './output-dir.js';
import { checkReceipts, type ReceiptOutcome } from './receipts.js';
import { Reporter, type PhaseTime } from './reporter.js';
import { renderResults } from './results-table.js';
import { VoterBehaviour } from './voter-behaviour.js';
import { castAll, issueCredentials, planCasting } from './voters.js';

export interface DemoOptions {
  /** Number of voters (default 1,000). */
  readonly voters?: number;
  /** Number of mix servers (default 3). */
  readonly mixers?: number;
  /** Trustees n and threshold t (default 3 of 5). */
  readonly trustees?: number;
  readonly threshold?: number;
  /** Trustees absent at decryption (default: the last one, when n > t). */
  readonly absent?: readonly number[];
  readonly group?: 'ristretto255' | 'p256';
  /** Output directory (default ./demo-out): created, or cleared if it is a previous demo's output. */
  readonly out?: string;
  readonly election?: string;
  readonly questions?: readonly Question[];
  /** Voters whose ballot is a valid encryption of an invalid vote (default: 0.5%, at least 1). */
  readonly invalid?: number;
  /** Voters who vote twice (default: 1%, at least 1). */
  readonly recast?: number;
  /** Receipts kept and checked with `ostraka receipt check` (default 8). */
  readonly receipts?: number;
  /** Ballots in flight at once (default 32). */
  readonly concurrency?: number;
  /** scrypt cost of the trustees' keystores (default: the trustee tool's, 17). */
  readonly kdfCost?: number;
  /** Worker threads of each mix server (default: one per core). */
  readonly mixWorkers?: number;
  /** Seed of the simulated voters' choices (default: random). */
  readonly seed?: number;
  /** No progress on stderr. */
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
  /** Fault injection for tests: kill mix servers at given points of their runs (each is started again). */
  readonly killMixServers?: readonly MixServerKill[];
}

export interface DemoResult {
  readonly dir: string;
  readonly election: string;
  readonly tally: Tally;
  /** The count of what the demo cast (equal to `tally` but for the invalid ballots' positions). */
  readonly expected: Tally;
  readonly decryptions: number[];
  readonly absent: number[];
  readonly receipts: ReceiptOutcome[];
  readonly mixRestarts: number[];
  readonly phases: PhaseTime[];
  readonly transcript: string;
  /** The results as printed. */
  readonly table: string;
}

const cores = () => availableParallelism();

/**
 * A whole election with real processes (docs/election.md §4): a board, the trustees' tool, the
 * mix servers, voters casting through the voting client, the tally compared with what was cast,
 * the transcript exported and a sample of receipts checked. Throws DemoFailure if anything does
 * not add up; every process it started is stopped whatever happens.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const voters = options.voters ?? 1000;
  const count = options.trustees ?? 5;
  const threshold = options.threshold ?? 3;
  if (!Number.isInteger(voters) || voters < 1) throw new RangeError('voters must be a positive integer');
  if (!(threshold >= 1 && threshold <= count)) throw new RangeError('the threshold must be between 1 and the number of trustees');
  const absent = [...(options.absent ?? (count > threshold ? [count] : []))];
  const present = Array.from({ length: count }, (_, k) => k + 1).filter((j) => !absent.includes(j));
  if (present.length < threshold) throw new RangeError(`with trustees ${absent.join(', ')} absent, ${present.length} of ${count} could decrypt: fewer than the threshold ${threshold}`);
  const questions = options.questions ?? DEMO_QUESTIONS;
  const report = new Reporter(options.quiet);
  const dir = prepareOutputDir(options.out ?? './demo-out');
  const behaviour = new VoterBehaviour(options.seed);
  const expected = new ExpectedCount(questions);
  const check = () => {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('interrupted');
  };

  report.begin('board', 'a board process on a new database');
  const e = await DemoElection.start({
    dir,
    election: options.election ?? 'demo-election',
    title: 'Demo town election',
    group: options.group ?? 'ristretto255',
    questions,
    trustees: { count, threshold },
    mixServers: options.mixers ?? 3,
    kdfCost: options.kdfCost,
    parallel: cores() + 1,
  });
  e.onStep = (text) => report.say(`  · ${text}`);
  // Stop the tools at once on an interruption, so that no await waits for a process that waits for the board.
  const onAbort = () => void e.runner.stopAll('SIGTERM', 3000, [e.board.process]);
  options.signal?.addEventListener('abort', onAbort);
  try {
    report.end(e.board.url);
    check();

    report.begin('set-up', `peers, the draft, ${count} trustees' identities and approvals, authorisation`);
    await e.setUp();
    report.end(`authorised by the consensus of the authority and ${count} trustees`);
    check();

    report.begin('key ceremony', `${count} trustees deal, receive and finalize with the trustee tool`);
    await e.keyCeremony();
    report.end(`joint key ${e.jointKey.slice(0, 16)}…, ${threshold} of ${count} needed to decrypt`);
    check();

    report.begin('credentials', `${voters} voter codes in voter-codes.csv, public credentials on the board`);
    const roll = await issueCredentials(e, voters, join(dir, 'voter-codes.csv'), report.bar('credentials'));
    await e.authority.openVoting();
    report.end('voting is open');
    check();

    const plan = planCasting(voters, { invalid: options.invalid ?? Math.max(1, Math.floor(voters / 200)), recast: options.recast ?? Math.max(1, Math.floor(voters / 100)), sample: options.receipts ?? 8 }, behaviour);
    report.begin('voting', `${voters} voters, ${plan.recasters.size} of them twice, ${plan.invalid.size} with an invalid vote, ${options.concurrency ?? 32} ballots in flight`);
    const kept = await castAll({ e, roll, plan, behaviour, expected, receiptsDir: join(dir, 'receipts'), signal: options.signal }, options.concurrency ?? 32, report.bar('casting'));
    report.end(`${voters + plan.recasters.size} ballots accepted`);
    check();

    report.begin('mixing', `voting closed; ${e.mixServers.hosts.length} mix server processes, one round each`);
    const input = await e.closeVoting();
    if (input.count !== expected.ballots) throw new DemoFailure(`the ballot box holds ${input.count} ballots, but ${expected.ballots} voters voted`);
    const mixing = await runMixServers(e, options.mixWorkers ?? cores(), report.bar('mixing'), { kills: options.killMixServers, signal: options.signal });
    report.end(`${input.count} ballots through ${e.mixServers.hosts.length} shuffles`);
    check();

    report.begin('decryption', `every mix round's proof checked by the authority; trustees ${present.join(', ')} decrypt with the trustee tool${absent.length ? `; trustee ${absent.join(', ')} absent` : ''}`);
    await e.startDecrypting((step) => report.bar(`mix ${step}`));
    await e.trusteesDecrypt(present, Math.max(1, Math.floor(cores() / present.length)), report.bar('decrypting'));
    report.end();
    check();

    report.begin('tally', 'partial decryptions checked and combined, plaintexts and tally posted');
    const outcome = await e.tally((step) => report.bar(`tally: ${step}`));
    const wanted = expected.tally();
    const differences = tallyDifferences(outcome.tally, wanted);
    if (differences.length > 0) throw new DemoFailure(`the tally is not the count of the ballots cast:\n  ${differences.join('\n  ')}`);
    report.end(`equal to the count of the ${n(wanted.ballots)} ballots cast (${n(wanted.invalid)} invalid); trustees ${outcome.decryptions.join(', ')} used`);
    check();

    report.begin('export', 'the transcript, with `ostraka board export`');
    const transcript = join(dir, 'transcript');
    await e.exportTranscript(transcript);
    report.end(transcript);

    report.begin('receipts', `${kept.length} voters check their receipts with \`ostraka receipt check\``);
    const receipts = await checkReceipts(e, kept);
    report.end(receipts.map((r) => r.counted).join(', '));

    const table = renderResults(e.manifest, outcome.tally);
    const result: DemoResult = {
      dir,
      election: e.id,
      tally: outcome.tally,
      expected: wanted,
      decryptions: outcome.decryptions,
      absent,
      receipts,
      mixRestarts: mixing.restarts,
      phases: report.phases,
      transcript,
      table,
    };
    writeFileSync(join(dir, 'results.txt'), table + '\n');
    writeFileSync(
      join(dir, 'results.json'),
      canonicalJson({ election: e.id, voters, tally: outcome.tally, decryptions: outcome.decryptions, absent, phases: report.phases.map((p) => ({ phase: p.phase, ms: Math.round(p.seconds * 1000) })) } as unknown as Json) + '\n',
    );
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await e.stop();
  }
}

const n = (x: number) => x.toLocaleString('en-US');

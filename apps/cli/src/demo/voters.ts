import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BoardRequestError, castBallot, createBallot, credentialKey, generateCredentialCode, type Receipt } from '@ostraka/client';
import { toHex, type SigningKey } from '@ostraka/crypto';
import { encodeBallot, type Answer, type FullManifest, type Question } from '@ostraka/protocol';
import { mapConcurrent } from './concurrency.js';
import type { DemoElection } from './demo-election.js';
import { DemoFailure } from './demo-election.js';
import type { ExpectedCount } from './expected-count.js';
import { encryptPlaintextBytes, invalidPlaintext } from './invalid-ballots.js';
import type { Bar } from './reporter.js';
import type { VoterBehaviour } from './voter-behaviour.js';

export const voterName = (i: number) => `voter-${String(i + 1).padStart(6, '0')}`;

export interface VoterRoll {
  readonly codes: string[];
  readonly keys: SigningKey[];
}

/**
 * The credential authority's job: one secret code per voter, written to `voter-codes.csv` (what
 * it would mail, one letter per voter), and only the public credentials registered on the board.
 */
export async function issueCredentials(e: DemoElection, voters: number, csvPath: string, bar: Bar): Promise<VoterRoll> {
  const codes: string[] = [];
  const keys: SigningKey[] = [];
  for (let i = 0; i < voters; i++) {
    codes.push(generateCredentialCode());
    keys.push(credentialKey(e.id, codes[i]));
    if (i % 1000 === 999) bar.update(i + 1, 2 * voters, 'codes derived');
  }
  writeFileSync(csvPath, 'voter,code\n' + codes.map((c, i) => `${voterName(i)},${c}\n`).join(''), { mode: 0o600 });
  await e.authority.registerCredentials(
    keys.map((k) => toHex(k.publicKey)),
    (done) => bar.update(voters + done, 2 * voters, 'credentials registered'),
  );
  bar.done(`${voters} credentials`);
  return { codes, keys };
}

/** Who does what among the voters (indices into the roll). */
export interface CastPlan {
  /** The voter who votes with `ostraka vote`, as a process, like a voter at a terminal. */
  readonly cliVoter: number | null;
  /** Voters who vote twice; the second ballot counts. */
  readonly recasters: ReadonlySet<number>;
  /** Voters whose (only) ballot is a valid encryption of an invalid vote, with the variant of invalidity. */
  readonly invalid: ReadonlyMap<number, number>;
  /** Voters whose receipts are kept and checked. */
  readonly sample: ReadonlySet<number>;
}

export function planCasting(voters: number, counts: { invalid: number; recast: number; sample: number }, behaviour: VoterBehaviour): CastPlan {
  // Voter 0 votes with the CLI; the others are drawn at random among the rest.
  const rest = Array.from({ length: Math.max(0, voters - 1) }, (_, i) => i + 1);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = behaviour.int(i + 1);
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  const recast = Math.min(counts.recast, rest.length);
  const invalid = Math.min(counts.invalid, rest.length - recast);
  const recasters = new Set(rest.slice(0, recast));
  const invalidVoters = new Map(rest.slice(recast, recast + invalid).map((v, k) => [v, k]));
  // The sample: the CLI voter, two re-casters, one invalid ballot, and ordinary voters up to the size asked.
  const sample = new Set<number>(voters > 0 ? [0] : []);
  for (const v of [...recasters].slice(0, 2)) sample.add(v);
  for (const v of [...invalidVoters.keys()].slice(0, 1)) sample.add(v);
  for (const v of rest.slice(recast + invalid)) {
    if (sample.size >= counts.sample) break;
    sample.add(v);
  }
  return { cliVoter: voters > 0 ? 0 : null, recasters, invalid: invalidVoters, sample };
}

/** A receipt the demo kept, and what checking it must say. */
export interface KeptReceipt {
  readonly voter: string;
  readonly file: string;
  readonly expected: 'counted' | 'replaced';
}

interface CastContext {
  readonly e: DemoElection;
  readonly roll: VoterRoll;
  readonly plan: CastPlan;
  readonly behaviour: VoterBehaviour;
  readonly expected: ExpectedCount;
  readonly receiptsDir: string;
  readonly signal?: AbortSignal;
}

/**
 * Every voter casts its ballot(s) with the voting client, at most `concurrency` voters at a time
 * (one voter's ballots in order, so that its last one is the one that counts). An honest ballot
 * that the board refuses stops the demo.
 */
export async function castAll(ctx: CastContext, concurrency: number, bar: Bar): Promise<KeptReceipt[]> {
  const { e, roll, plan } = ctx;
  mkdirSync(ctx.receiptsDir, { recursive: true });
  const status = await e.authority.status();
  const election = { id: e.id, authority: e.authority.peerId, ballotCycle: status.ballot_cycle as number };
  const total = roll.codes.length + plan.recasters.size;
  const kept: KeptReceipt[] = [];
  let done = 0;
  const progress = () => {
    done++;
    if (done % 25 === 0 || done === total) bar.update(done, total, 'ballots');
  };

  if (plan.cliVoter !== null) {
    kept.push(await voteWithCli(ctx, plan.cliVoter));
    progress();
  }
  const others = Array.from({ length: roll.codes.length }, (_, i) => i).filter((i) => i !== plan.cliVoter);
  await mapConcurrent(others, concurrency, async (voter) => {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const ballots = plan.recasters.has(voter) ? 2 : 1;
    for (let b = 1; b <= ballots; b++) {
      const receipt = await castOne(ctx, election, voter, b);
      if (plan.sample.has(voter)) {
        const file = join(ctx.receiptsDir, `${voterName(voter)}-ballot-${b}.json`);
        writeFileSync(file, JSON.stringify(receipt, null, 2) + '\n');
        kept.push({ voter: voterName(voter), file, expected: b < ballots ? 'replaced' : 'counted' });
      }
      progress();
    }
  });
  bar.done(`${total} ballots from ${roll.codes.length} voters`);
  return kept;
}

async function castOne(ctx: CastContext, election: { id: string; authority: string; ballotCycle: number }, voter: number, ballotNumber: number): Promise<Receipt> {
  const { e, roll, plan } = ctx;
  const manifest = e.manifest;
  const answers = ctx.behaviour.ballot(manifest.questions);
  const variant = plan.invalid.get(voter);
  let ballot;
  if (variant === undefined) {
    ballot = createBallot(manifest, e.jointKey, answers, roll.keys[voter]);
    ctx.expected.cast(voter, encodeBallot(manifest.questions, answers));
  } else {
    const { bytes } = invalidPlaintext(manifest.questions, answers, variant);
    ballot = encryptPlaintextBytes(manifest, e.jointKey, bytes, roll.keys[voter]);
    ctx.expected.cast(voter, bytes);
  }
  try {
    return await castBallot(e.board.url, election, ballot, roll.keys[voter]);
  } catch (err) {
    if (err instanceof BoardRequestError)
      throw new DemoFailure(`the board refused ballot ${ballotNumber} of ${voterName(voter)}, an honest ballot: ${err.status} ${err.code}: ${err.message}`);
    throw err;
  }
}

/**
 * Voter 0 votes as a person would: its code in a file, its choices in a file (candidates by
 * name), `ostraka vote` in a terminal.
 */
async function voteWithCli(ctx: CastContext, voter: number): Promise<KeptReceipt> {
  const { e, roll } = ctx;
  const dir = join(e.settings.dir, 'voters');
  mkdirSync(dir, { recursive: true });
  const name = voterName(voter);
  const codeFile = join(dir, `${name}.code`);
  writeFileSync(codeFile, `${roll.codes[voter]}\n`, { mode: 0o600 });
  // This voter tries the ballot's limits: every rank filled, the longest write-in.
  const answers = ctx.behaviour.ballot(e.manifest.questions, true);
  const choicesFile = join(dir, `${name}.choices.json`);
  writeFileSync(choicesFile, JSON.stringify(choicesByName(e.manifest.questions, answers), null, 2) + '\n');
  const receipt = join(ctx.receiptsDir, `${name}-ballot-1.json`);
  await e.runner.run(`vote-${name}`, ['vote', '--board', e.board.url, '--election', e.id, '--code-file', codeFile, '--choices', choicesFile, '--receipt', receipt]);
  ctx.expected.cast(voter, encodeBallot(e.manifest.questions, answers));
  return { voter: name, file: receipt, expected: 'counted' };
}

/** The answers as a person writes a choices file: keyed by question id, candidates by name. */
export function choicesByName(questions: readonly Question[], answers: readonly Answer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  questions.forEach((q, k) => {
    const a = answers[k];
    if (a.kind === 'plurality' && q.kind === 'plurality') out[q.id] = a.candidate === null ? null : q.candidates[a.candidate];
    else if (a.kind === 'approval' && q.kind === 'approval') out[q.id] = a.candidates.map((c) => q.candidates[c]);
    else if (a.kind === 'ranked' && q.kind === 'ranked') out[q.id] = a.ranking.map((c) => q.candidates[c]);
    else if (a.kind === 'write-in') out[q.id] = a.text;
  });
  return out;
}

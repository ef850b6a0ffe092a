/**
 * The verification of a transcript, in the order of docs/transcript.md §10.11: files, log, replay
 * of the board API and the election rules, ballots, shuffles, decryption and tally, and a
 * receipt when given. Every phase runs even when an earlier one failed (on what could be read),
 * so that the report names every problem; the transcript is valid only if nothing failed.
 */
import { availableParallelism } from 'node:os';
import { fingerprint } from './log/ed25519.js';
import { verifyLog } from './log/verify-log.js';
import type { Json } from './encoding/canonical-json.js';
import type { ElectionRecord } from './election/record.js';
import { ballotBox } from './election/ballots.js';
import { verifyBallots } from './election/verify-ballots.js';
import { verifyDecryption } from './election/verify-decryption.js';
import { verifyMixing } from './election/verify-mixing.js';
import { VerifierPool } from './pool.js';
import { Findings, type CheckResult, type Failure, type Place } from './report/findings.js';
import { silentProgress, type Progress } from './report/progress.js';
import { checkReceipt, type ReceiptOutcome } from './receipt.js';
import { replayLog } from './replay.js';
import type { RawTranscript } from './source/raw-transcript.js';
import { readTranscript } from './source/transcript.js';

export interface VerifyOptions {
  /** The board key obtained out of band: hex, or its fingerprint. */
  boardKey?: string;
  workers?: number;
  /** A pool to reuse (tests); otherwise one is made and closed. */
  pool?: VerifierPool;
  progress?: Progress;
  receipt?: { file: string; value: Json };
}

export interface PhaseReport {
  phase: string;
  seconds: number;
  /** CPU time of the process and its worker threads (less sensitive to other load than seconds). */
  cpuSeconds: number;
  checks: CheckResult[];
}

export interface Report {
  ok: boolean;
  location: string;
  election: string | null;
  board: { id: string; fingerprint: string; pinned: boolean } | null;
  phases: PhaseReport[];
  failures: Failure[];
  failureCount: number;
  notes: string[];
  summary: Record<string, number | string>;
  receipt?: ReceiptOutcome;
  seconds: number;
}

export async function verifyTranscript(raw: RawTranscript, options: VerifyOptions = {}): Promise<Report> {
  const started = performance.now();
  const findings = new Findings();
  const progress = options.progress ?? silentProgress;
  const pool = options.pool ?? new VerifierPool(options.workers ?? availableParallelism());
  const phases: PhaseReport[] = [];
  const summary: Record<string, number | string> = {};
  const phase = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const before = new Set(findings.checkIds());
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let result: T | undefined;
    try {
      result = await run();
    } catch (e) {
      // A transcript must never crash the verifier; if one does, that is a bug of the verifier,
      // reported as a failure (the transcript is not declared valid).
      findings.fail('verifier.internal', `unexpected error in phase ${name}: ${(e as Error).stack ?? String(e)}`);
    }
    const checks = findings.checkIds().filter((c) => !before.has(c));
    const cpu = process.cpuUsage(cpu0);
    phases.push({ phase: name, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, checks: findings.results(checks) });
    return result as T;
  };

  let board: Report['board'] = null;
  let receipt: ReceiptOutcome | undefined;
  try {
    const t = await phase('files', () => readTranscript(raw, findings));
    if (!t) return finish();
    summary.entries = t.entries.length;
    summary.heads = t.heads.length;
    const place = (index: number): Place => t.entries[index]?.place ?? { index };

    const log = await phase('log', () => verifyLog(t, options.boardKey, findings, pool, progress));
    if (log) board = { id: log.boardId, fingerprint: fingerprint(log.boardKey), pinned: options.boardKey !== undefined };
    if (!log) findings.note('The log could not be checked, so nothing after it was.');
    else {
      const replayed = await phase('replay', () => replayLog(t.entries, log, findings));
      if (!replayed) return finish();
      const election = t.election === null ? undefined : replayed.elections.elections.get(t.election);
      const others = [...replayed.elections.elections.keys()].filter((id) => id !== t.election);
      if (others.length > 0) findings.note(`The log also holds elections ${others.join(', ')}: their entries were replayed against the rules; only ${t.election} was verified in full.`);
      findings.pass('election.complete');
      if (!election) findings.fail('election.complete', `the log holds no election ${t.election ?? '(none named)'}`, { file: 'transcript.json' });
      else {
        describe(election, summary);
        await phase('ballots', () => verifyBallots(election, place, pool, findings, progress));
        summary.shuffled_ciphertexts = await phase('shuffle', () => verifyMixing(election, place, pool, findings, progress));
        await phase('decryption', () => verifyDecryption(election, place, pool, findings, progress));
        if (election.state !== 'tallied') findings.fail('election.complete', `the election is in state ${election.state}, not tallied: the transcript is incomplete`, { file: 'transcript.json' });
      }
      if (options.receipt) receipt = await phase('receipt', () => checkReceipt(options.receipt!.value, options.receipt!.file, log, election, findings));
    }
  } finally {
    if (!options.pool) await pool.close();
  }
  return finish();

  function finish(): Report {
    return {
      ok: findings.ok,
      location: raw.location,
      election: summary.election === undefined ? null : String(summary.election),
      board,
      phases,
      failures: findings.failures(),
      failureCount: findings.failureCount(),
      notes: findings.notes,
      summary,
      ...(receipt ? { receipt } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  }
}

function describe(r: ElectionRecord, summary: Record<string, number | string>): void {
  summary.election = r.id;
  summary.group = r.group.name;
  summary.width = r.width;
  summary.state = r.state;
  summary.trustees = `${r.manifest.trustees.threshold} of ${r.manifest.trustees.count}`;
  summary.credentials = r.credentials;
  summary.ballots_cast = r.ballots.length;
  summary.ballot_box = ballotBox(r).count;
  summary.mix_rounds = r.rounds.length;
  const plaintexts = (r.plaintexts?.value as { plaintexts?: unknown[] } | undefined)?.plaintexts;
  if (plaintexts) summary.plaintexts = plaintexts.length;
}

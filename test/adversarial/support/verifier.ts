/**
 * The auditor's path: export an election's transcript from the board (`ostraka board export`'s
 * library), then run the standalone verifier on it as a process, `ostraka-verify DIR --board-key
 * HEX --json [--receipt FILE]`, exactly as a third party would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoardClient } from '@ostraka/board/client';
import { directorySink, exportTranscript, httpSource } from '@ostraka/election';

export const VERIFY_BIN = fileURLToPath(new URL('../../../apps/verifier/bin/ostraka-verify.js', import.meta.url));

export interface VerifierRun {
  readonly code: number | null;
  /** The JSON report (--json), or null if stdout was not JSON. */
  readonly report: ({ ok: boolean } & Record<string, unknown>) | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Names (or details) of the failed checks, for messages. */
  readonly failures: string[];
}

/** Writes the transcript of `election` as read from the board at `url`; returns the directory. */
export async function exportTranscriptDir(url: string, election: string): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ostraka-audit-')), 'transcript');
  const sink = directorySink(dir);
  await exportTranscript(httpSource(new BoardClient(url)), election, sink);
  sink.commit();
  return dir;
}

/** `check: detail` of every failure the report lists. */
function failuresOf(report: Record<string, unknown>): string[] {
  const failures = (report.failures ?? []) as { check: string; detail: string }[];
  return failures.map((f) => `${f.check}: ${f.detail}`.slice(0, 300));
}

export function runVerifier(args: string[]): Promise<VerifierRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VERIFY_BIN, ...args, '--json', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => {
      let report: VerifierRun['report'] = null;
      try {
        report = JSON.parse(stdout);
      } catch {
        /* not a JSON report */
      }
      resolve({ code, report, stdout, stderr, failures: report ? failuresOf(report) : [] });
    });
  });
}

/** Exports the election from the board and verifies it, with the board key and optionally a receipt. */
export async function auditElection(url: string, election: string, receipt?: unknown): Promise<VerifierRun & { dir: string }> {
  const dir = await exportTranscriptDir(url, election);
  const info = await new BoardClient(url).info();
  const args = [dir, '--board-key', info.public_key, '--workers', '1'];
  if (receipt !== undefined) {
    const file = join(dir, '..', 'receipt.json');
    writeFileSync(file, JSON.stringify(receipt));
    args.push('--receipt', file);
  }
  return { ...(await runVerifier(args)), dir };
}

import type { DemoElection } from './demo-election.js';
import { DemoFailure } from './demo-election.js';
import { mapConcurrent } from './concurrency.js';
import type { KeptReceipt } from './voters.js';

export interface ReceiptOutcome extends KeptReceipt {
  readonly counted: string;
  readonly ok: boolean;
}

/** Checks each kept receipt with `ostraka receipt check --json`, as its voter would, and compares with what it must say. */
export async function checkReceipts(e: DemoElection, receipts: readonly KeptReceipt[]): Promise<ReceiptOutcome[]> {
  const outcomes = await mapConcurrent(receipts, e.settings.parallel, async (r) => {
    const proc = e.runner.start(`receipt-${r.voter}-${r.file.endsWith('-2.json') ? 2 : 1}`, ['receipt', 'check', '--board', e.board.url, '--json', r.file]);
    const done = await proc.exited;
    let report: { ok?: boolean; counted?: string };
    try {
      report = JSON.parse(done.stdout) as typeof report;
    } catch {
      throw new DemoFailure(`${proc.describe()} printed no JSON report (exit ${done.code})${proc.tail()}`);
    }
    return { ...r, counted: String(report.counted), ok: report.ok === true && done.code === 0 };
  });
  const wrong = outcomes.filter((o) => !o.ok || o.counted !== o.expected);
  if (wrong.length > 0)
    throw new DemoFailure(`receipts that do not check: ${wrong.map((o) => `${o.file} (${o.ok ? 'checks pass' : 'a check FAILS'}, ${o.counted}; expected ${o.expected})`).join('; ')}`);
  return outcomes;
}

import type { FullManifest, Question, QuestionResult, Tally } from '@ostraka/protocol';

const BAR_WIDTH = 30;
const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number, of: number) => (of === 0 ? '' : `${((100 * x) / of).toFixed(1)}%`);
const bar = (x: number, max: number) => '█'.repeat(max === 0 ? 0 : Math.round((BAR_WIDTH * x) / max)).padEnd(BAR_WIDTH, ' ');
/** Text from the manifest or a write-in, shown without control characters (a write-in is anyone's text). */
const printable = (s: string) => s.replace(/[\p{Cc}\p{Cf}]/gu, '�');

function rows(lines: [label: string, count: number, share: string][], max: number): string[] {
  const width = Math.max(...lines.map(([l]) => [...l].length), 5);
  const digits = Math.max(...lines.map(([, c]) => n(c).length));
  return lines.map(([label, count, share]) => `  ${label.padEnd(width)}  ${bar(count, max)} ${n(count).padStart(digits)}  ${share}`.trimEnd());
}

function counts(q: Question & { candidates: string[] }, r: Extract<QuestionResult, { counts: number[] }>, valid: number, blank?: number): string[] {
  const lines: [string, number, string][] = q.candidates.map((c, i) => [printable(c), r.counts[i], pct(r.counts[i], valid)]);
  if (blank !== undefined) lines.push(['(blank)', blank, pct(blank, valid)]);
  return rows(lines, Math.max(...lines.map(([, c]) => c)));
}

function runoff(q: Extract<Question, { kind: 'ranked' }>, r: Extract<QuestionResult, { kind: 'ranked' }>): string[] {
  const names = q.candidates.map(printable);
  const width = Math.max(...names.map((c) => [...c].length), 'eliminated'.length);
  const col = Math.max(9, ...r.rounds.map((round) => (round.eliminated === null ? 0 : [...names[round.eliminated]].length)).map((l) => Math.min(l, 16)));
  const cell = (s: string) => (s.length > col ? s.slice(0, col - 1) + '…' : s).padStart(col);
  const out = [`  ${''.padEnd(width)}  ${r.rounds.map((_, k) => cell(`round ${k + 1}`)).join(' ')}`];
  names.forEach((name, i) => {
    const cells = r.rounds.map((round) => cell(round.counts[i] === null ? '—' : n(round.counts[i] as number)));
    out.push(`  ${name.padEnd(width)}  ${cells.join(' ')}${r.winner === i ? '  ← winner' : ''}`);
  });
  out.push(`  ${'exhausted'.padEnd(width)}  ${r.rounds.map((round) => cell(n(round.exhausted))).join(' ')}`);
  out.push(`  ${'eliminated'.padEnd(width)}  ${r.rounds.map((round) => cell(round.eliminated === null ? '' : names[round.eliminated])).join(' ')}`);
  const last = r.rounds[r.rounds.length - 1];
  if (r.winner === null) out.push('  no winner: no ballot ranks any candidate');
  else {
    const active = (last.counts.filter((c) => c !== null) as number[]).reduce((s, c) => s + c, 0);
    out.push(`  winner: ${names[r.winner]}, with ${n(last.counts[r.winner] as number)} of ${n(active)} continuing ballots (${pct(last.counts[r.winner] as number, active)}) in round ${r.rounds.length}`);
  }
  return out;
}

function writeIns(r: Extract<QuestionResult, { kind: 'write-in' }>, valid: number, limit = 12): string[] {
  const shown = r.answers.slice(0, limit);
  const lines: [string, number, string][] = shown.map((a) => [`“${printable(a.text)}”`, a.count, pct(a.count, valid)]);
  const rest = r.answers.slice(limit).reduce((s, a) => s + a.count, 0);
  if (rest > 0) lines.push([`(${n(r.answers.length - limit)} other answers)`, rest, pct(rest, valid)]);
  lines.push(['(blank)', r.blank, pct(r.blank, valid)]);
  return rows(lines, Math.max(...lines.map(([, c]) => c)));
}

/** The results as a person reads them: counts with bars, the runoff round by round, write-ins, invalid ballots. */
export function renderResults(manifest: FullManifest, tally: Tally): string {
  const out = [`Results of “${printable(manifest.title)}” (election ${manifest.id})`, `${n(tally.ballots)} ballots decrypted: ${n(tally.valid)} valid, ${n(tally.invalid)} invalid`, ''];
  manifest.questions.forEach((q, k) => {
    const r = tally.questions[k];
    if (q.kind === 'plurality' && r.kind === 'plurality') out.push(`${printable(q.title)} (one choice)`, ...counts(q, r, tally.valid, r.blank));
    else if (q.kind === 'approval' && r.kind === 'approval')
      out.push(`${printable(q.title)} (approval: ${q.minChoices}–${q.maxChoices} choices; % of valid ballots)`, ...counts(q, r, tally.valid));
    else if (q.kind === 'ranked' && r.kind === 'ranked') out.push(`${printable(q.title)} (ranked, instant-runoff)`, ...runoff(q, r));
    else if (q.kind === 'write-in' && r.kind === 'write-in') out.push(`${printable(q.title)} (write-in)`, ...writeIns(r, tally.valid));
    out.push('');
  });
  const positions = tally.invalidPositions.slice(0, 20).join(', ') + (tally.invalidPositions.length > 20 ? ', …' : '');
  out.push(`Invalid ballots: ${n(tally.invalid)}${tally.invalid > 0 ? ` (positions in the final mix output: ${positions})` : ''}`);
  return out.join('\n');
}

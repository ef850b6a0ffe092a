import type { FullManifest, QuestionResult } from '@ostraka/protocol';
import { html, type Html } from '../../http/html.js';

/**
 * Result charts as tables with a bar in each row: the numbers are text (for screen readers and for
 * copying), the bars are SVG rectangles whose length is an attribute, so that the page needs no
 * inline style (the CSP forbids it).
 */
const BAR_WIDTH = 240;

function bar(count: number, max: number, label: string): Html {
  const width = max === 0 ? 0 : Math.round((BAR_WIDTH * count) / max);
  return html`<svg class="bar" width="${BAR_WIDTH}" height="16" viewBox="0 0 ${BAR_WIDTH} 16" aria-hidden="true" focusable="false"><title>${label}</title><rect width="${width}" height="16"></rect></svg>`;
}

function barTable(caption: string, rows: { label: string; count: number; slug: string }[], total: number | null): Html {
  const max = Math.max(0, ...rows.map((r) => r.count));
  return html`<table class="chart">
<caption>${caption}</caption>
<thead><tr><th scope="col">Choice</th><th scope="col">Votes</th><th scope="col"><span class="visually-hidden">Bar</span></th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr data-choice="${r.slug}"><th scope="row">${r.label}</th><td class="count">${r.count}${total ? html` <span class="share">(${((100 * r.count) / total).toFixed(1)} %)</span>` : ''}</td><td>${bar(r.count, max, `${r.label}: ${r.count}`)}</td></tr>`,
  )}</tbody>
</table>`;
}

function rankedRounds(title: string, candidates: readonly string[], result: Extract<QuestionResult, { kind: 'ranked' }>): Html {
  const max = Math.max(0, ...result.rounds.flatMap((r) => r.counts.map((c) => c ?? 0)));
  return html`<table class="chart rounds">
<caption>${title}: instant-runoff, round by round${result.winner !== null ? html` · winner <strong>${candidates[result.winner]}</strong>` : ' · no winner'}</caption>
<thead><tr><th scope="col">Candidate</th>${result.rounds.map((_, r) => html`<th scope="col">Round ${r + 1}</th>`)}</tr></thead>
<tbody>${candidates.map(
    (name, c) =>
      html`<tr data-choice="${String(c)}"><th scope="row">${name}${result.winner === c ? ' (winner)' : ''}</th>${result.rounds.map((round) => {
        const count = round.counts[c];
        return count === null
          ? html`<td class="eliminated">eliminated</td>`
          : html`<td><span class="count">${count}</span>${round.eliminated === c ? ' · eliminated' : ''} ${bar(count, max, `${name}, round: ${count}`)}</td>`;
      })}</tr>`,
  )}
<tr><th scope="row">Exhausted ballots</th>${result.rounds.map((round) => html`<td class="count">${round.exhausted}</td>`)}</tr></tbody>
</table>`;
}

export function questionResult(manifest: FullManifest, k: number, result: QuestionResult, valid: number): Html {
  const q = manifest.questions[k];
  const heading = html`<h3 id="q-${q.id}">${q.title}</h3>`;
  if (result.kind === 'plurality' && q.kind === 'plurality')
    return html`<section aria-labelledby="q-${q.id}">${heading}${barTable(
      `${q.title}: one choice per ballot`,
      [...q.candidates.map((label, i) => ({ label, count: result.counts[i], slug: String(i) })), ...(q.allowBlank ? [{ label: 'Blank', count: result.blank, slug: 'blank' }] : [])],
      valid,
    )}</section>`;
  if (result.kind === 'approval' && q.kind === 'approval')
    return html`<section aria-labelledby="q-${q.id}">${heading}${barTable(
      `${q.title}: approvals (a ballot approves ${q.minChoices} to ${q.maxChoices})`,
      q.candidates.map((label, i) => ({ label, count: result.counts[i], slug: String(i) })),
      valid,
    )}</section>`;
  if (result.kind === 'ranked' && q.kind === 'ranked') return html`<section aria-labelledby="q-${q.id}">${heading}${rankedRounds(q.title, q.candidates, result)}</section>`;
  if (result.kind === 'write-in')
    return html`<section aria-labelledby="q-${q.id}">${heading}${barTable(
      `${q.title}: written answers`,
      [...result.answers.map((a, i) => ({ label: a.text, count: a.count, slug: `answer-${i}` })), { label: 'Blank', count: result.blank, slug: 'blank' }],
      valid,
    )}</section>`;
  return html`<section>${heading}<p>The result does not match the question’s kind.</p></section>`;
}

import type { Question } from '@ostraka/protocol';
import { html, type Html } from '../http/html.js';

/**
 * The ballot as an HTML form: one fieldset per question, with a legend and a rule hint that its
 * fields reference (aria-describedby), so that a screen reader announces the question, the rule
 * and each choice. Every control is a native input (keyboard use comes with it). The booth script
 * reads the answers back by the same names: `q-k` (radios, checkboxes, the text) and `q-k-rank-r`.
 */
function rule(q: Question): string {
  switch (q.kind) {
    case 'plurality':
      return q.allowBlank ? 'Choose one candidate, or vote blank.' : 'Choose one candidate.';
    case 'approval':
      return q.minChoices === q.maxChoices
        ? `Choose exactly ${q.maxChoices}.`
        : `Choose ${q.minChoices === 0 ? 'up to' : `between ${q.minChoices} and`} ${q.maxChoices} candidates.`;
    case 'ranked':
      return `Rank ${q.minRanks === q.maxRanks ? `exactly ${q.maxRanks}` : `from ${q.minRanks} to ${q.maxRanks}`} candidates in order of preference, each at most once; leave the later choices empty.`;
    case 'write-in':
      return `Write your answer (at most ${q.maxLength} bytes; accented letters take two). Leave it empty to vote blank.`;
  }
}

function questionFields(q: Question, k: number): Html {
  const name = `q-${k}`;
  const hint = `${name}-rule`;
  const error = html`<p class="field-error" id="${name}-error" hidden></p>`;
  switch (q.kind) {
    case 'plurality':
      return html`<fieldset class="question" id="${name}" data-kind="plurality" aria-describedby="${hint}">
<legend>${q.title}</legend><p class="hint" id="${hint}">${rule(q)}</p>${error}
${q.candidates.map((c, i) => html`<p class="choice"><input type="radio" name="${name}" id="${name}-c-${i}" value="${i}"> <label for="${name}-c-${i}">${c}</label></p>`)}
${q.allowBlank ? html`<p class="choice"><input type="radio" name="${name}" id="${name}-blank" value="blank"> <label for="${name}-blank">Blank vote</label></p>` : ''}
</fieldset>`;
    case 'approval':
      return html`<fieldset class="question" id="${name}" data-kind="approval" aria-describedby="${hint}">
<legend>${q.title}</legend><p class="hint" id="${hint}">${rule(q)}</p>${error}
${q.candidates.map((c, i) => html`<p class="choice"><input type="checkbox" name="${name}" id="${name}-c-${i}" value="${i}"> <label for="${name}-c-${i}">${c}</label></p>`)}
</fieldset>`;
    case 'ranked':
      return html`<fieldset class="question" id="${name}" data-kind="ranked" data-max-ranks="${q.maxRanks}" aria-describedby="${hint}">
<legend>${q.title}</legend><p class="hint" id="${hint}">${rule(q)}</p>${error}
${Array.from(
  { length: q.maxRanks },
  (_, r) => html`<p class="choice"><label for="${name}-rank-${r + 1}">Choice ${r + 1}${r === 0 ? ' (most preferred)' : ''}</label>
<select id="${name}-rank-${r + 1}" name="${name}-rank-${r + 1}"><option value="">(none)</option>${q.candidates.map((c, i) => html`<option value="${i}">${c}</option>`)}</select></p>`,
)}
</fieldset>`;
    case 'write-in':
      return html`<fieldset class="question" id="${name}" data-kind="write-in" data-max-length="${q.maxLength}">
<legend>${q.title}</legend>${error}
<p><label for="${name}-text">Your answer</label>
<input type="text" id="${name}-text" name="${name}" maxlength="${q.maxLength}" autocomplete="off" aria-describedby="${hint}"></p>
<p class="hint" id="${hint}">${rule(q)}</p>
</fieldset>`;
  }
}

export function ballotForm(questions: readonly Question[]): Html {
  return html`${questions.map((q, k) => questionFields(q, k))}`;
}

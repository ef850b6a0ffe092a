import type { PeerRecord } from '@ostraka/board';
import type { Session } from '../../admin-store/sessions.js';
import { flag, html, type Html } from '../../http/html.js';
import { notice } from '../../http/layout.js';
import { csrfField } from '../admin-layout.js';
import type { ElectionFormValues, QuestionFields } from '../manifest-form.js';

const KIND_LABELS: [string, string][] = [
  ['plurality', 'Plurality: one candidate'],
  ['approval', 'Approval: several candidates'],
  ['ranked', 'Ranked: instant-runoff'],
  ['write-in', 'Write-in: free text'],
];

const EMPTY_QUESTION: QuestionFields = { kind: 'plurality', id: '', title: '', candidates: '', allowBlank: true, min: '', max: '', maxLength: '' };

/**
 * One question's fields. `k` is the question's index, or `__K__` in the template the admin script
 * clones to add a question. Fields of other kinds carry `data-kinds`; the script hides them.
 */
export function questionFieldset(k: number | '__K__', q: QuestionFields): Html {
  const n = typeof k === 'number' ? String(k + 1) : '__N__';
  const f = (name: string) => `q-${k}-${name}`;
  return html`<fieldset class="question" data-question="${String(k)}">
<legend>Question <span class="question-number">${n}</span></legend>
<p><label for="${f('kind')}">Kind</label>
<select id="${f('kind')}" name="${f('kind')}" class="question-kind">${KIND_LABELS.map(([value, label]) => html`<option value="${value}"${flag('selected', q.kind === value)}>${label}</option>`)}</select></p>
<p><label for="${f('id')}">Question id</label>
<input id="${f('id')}" name="${f('id')}" value="${q.id}" required pattern="[a-z0-9][a-z0-9\\-]{0,63}" aria-describedby="${f('id')}-hint">
<span class="hint" id="${f('id')}-hint">lower-case letters, digits and dashes, e.g. <code>mayor</code></span></p>
<p><label for="${f('title')}">Question</label>
<input id="${f('title')}" name="${f('title')}" value="${q.title}" required maxlength="500"></p>
<p data-kinds="plurality approval ranked"><label for="${f('candidates')}">Candidates, one per line</label>
<textarea id="${f('candidates')}" name="${f('candidates')}" rows="4">${q.candidates}</textarea></p>
<p data-kinds="plurality"><input type="checkbox" id="${f('allow-blank')}" name="${f('allow-blank')}" value="yes"${flag('checked', q.allowBlank)}>
<label for="${f('allow-blank')}">A blank vote is allowed</label></p>
<p data-kinds="approval ranked"><label for="${f('min')}">Fewest candidates to choose or rank</label>
<input id="${f('min')}" name="${f('min')}" type="number" min="0" max="255" value="${q.min}" aria-describedby="${f('min')}-hint">
<span class="hint" id="${f('min')}-hint">approval: default 0; ranked: default 1</span></p>
<p data-kinds="approval ranked"><label for="${f('max')}">Most candidates to choose or rank</label>
<input id="${f('max')}" name="${f('max')}" type="number" min="1" max="255" value="${q.max}" aria-describedby="${f('max')}-hint">
<span class="hint" id="${f('max')}-hint">default: every candidate</span></p>
<p data-kinds="write-in"><label for="${f('max-length')}">Longest answer, in bytes (UTF-8)</label>
<input id="${f('max-length')}" name="${f('max-length')}" type="number" min="1" max="1000" value="${q.maxLength}"></p>
<p><button type="button" class="remove-question">Remove question <span class="question-number">${n}</span></button></p>
</fieldset>`;
}

function defaultTimes(now: number): { opens: string; closes: string } {
  const minute = (t: number) => new Date(t).toISOString().slice(0, 16);
  return { opens: minute(now), closes: minute(now + 7 * 86_400_000) };
}

export function newElectionPage(session: Session, mixPeers: readonly PeerRecord[], values: ElectionFormValues | null, errors: readonly string[], now: number): Html {
  const times = defaultTimes(now);
  const v: ElectionFormValues = values ?? {
    id: '',
    title: '',
    description: '',
    group: 'ristretto255',
    opens: times.opens,
    closes: times.closes,
    threshold: '2',
    count: '3',
    mix: [],
    questions: [EMPTY_QUESTION],
  };
  return html`<h1>Create an election</h1>
${notice('error', errors)}
<p>Creating the election posts its draft manifest on the board. The trustees then enroll with it
(their registration and identity files, uploaded on the ceremony page); when all are there, the admin
opens the negotiation on the manifest, and their approvals start the key ceremony.</p>
<form method="post" action="/admin/elections" class="election-form">
${csrfField(session)}
<fieldset><legend>Election</legend>
<p><label for="id">Election id</label>
<input id="id" name="id" value="${v.id}" required pattern="[a-z0-9][a-z0-9\\-]{0,63}" aria-describedby="id-hint">
<span class="hint" id="id-hint">lower-case letters, digits and dashes; it names the election everywhere, e.g. <code>council-2026</code></span></p>
<p><label for="title">Title</label><input id="title" name="title" value="${v.title}" required maxlength="500"></p>
<p><label for="description">Description (optional)</label><textarea id="description" name="description" rows="2" maxlength="5000">${v.description}</textarea></p>
<p><label for="group">Group</label>
<select id="group" name="group"><option value="ristretto255"${flag('selected', v.group === 'ristretto255')}>ristretto255 (default)</option><option value="p256"${flag('selected', v.group === 'p256')}>P-256</option></select></p>
<p><label for="opens">Voting opens (UTC)</label><input id="opens" name="opens" type="datetime-local" value="${v.opens.slice(0, 16)}" required></p>
<p><label for="closes">Voting closes (UTC)</label><input id="closes" name="closes" type="datetime-local" value="${v.closes.slice(0, 16)}" required></p>
</fieldset>
<fieldset><legend>Trustees</legend>
<p><label for="count">Number of trustees</label><input id="count" name="count" type="number" min="1" max="255" value="${v.count}" required></p>
<p><label for="threshold">Trustees needed to decrypt (threshold)</label><input id="threshold" name="threshold" type="number" min="1" max="255" value="${v.threshold}" required></p>
</fieldset>
<fieldset><legend>Mix servers, in mixing order</legend>
${
  mixPeers.length === 0
    ? html`<p class="notice notice-error" role="alert">No mix server is registered on the board. <a href="/admin/peers">Register mix servers</a> first.</p>`
    : mixPeers.map(
        (p, i) =>
          html`<p><input type="checkbox" id="mix-${i}" name="mix" value="${p.peerId}"${flag('checked', v.mix.includes(p.peerId))}> <label for="mix-${i}">${p.name} <code>${p.peerId}</code></label></p>`,
      )
}
<p class="hint">The selected servers mix in the order listed (their registration order).</p>
</fieldset>
<div id="questions">${v.questions.map((q, k) => questionFieldset(k, q))}</div>
<template id="question-template">${questionFieldset('__K__', EMPTY_QUESTION)}</template>
<p><button type="button" id="add-question">Add a question</button></p>
<p><button type="submit">Create the election</button></p>
</form>`;
}

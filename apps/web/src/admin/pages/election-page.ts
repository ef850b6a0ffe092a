import { ELECTION_STATES } from '@ostraka/protocol';
import type { ElectionStatus } from '@ostraka/election';
import type { Session } from '../../admin-store/sessions.js';
import { html, type Html } from '../../http/html.js';
import { csrfField, electionNav } from '../admin-layout.js';
import { TRUSTEE_COLUMNS, type LiveStatus } from '../live-status.js';

/** A value the admin script keeps up to date. */
export function live(status: LiveStatus, key: string): Html {
  return html`<span data-live="${key}">${status.values[key] ?? ''}</span>`;
}

export function stateChangedNotice(): Html {
  return html`<div id="state-changed" class="notice notice-info" role="status" hidden><p>The election moved on to <strong class="new-state"></strong>. <a href="">Reload the page</a> for its next steps.</p></div>`;
}

function action(session: Session, id: string, path: string, label: string, explanation: Html | string): Html {
  return html`<form method="post" action="/admin/elections/${id}/${path}" class="action">${csrfField(session)}<p>${explanation}</p><p><button type="submit">${label}</button></p></form>`;
}

/** The next step of the election, for its state (docs/election.md §4). */
function nextStep(session: Session, s: ElectionStatus, runs: boolean): Html {
  const id = s.id;
  if (!runs) return html`<p>This election is run by another election authority (<code>${s.manifest.authority}</code>): this admin only watches it.</p>`;
  const t = s.manifest.trustees;
  switch (s.state) {
    case 'draft':
      return html`<p>Give each trustee the manifest (<a href="/elections/${id}/manifest" download="manifest-${id}.json">manifest.json</a>) and their index. Upload their registration, identity and approval files on the <a href="/admin/elections/${id}/ceremony">ceremony page</a>.</p>`;
    case 'key-ceremony':
      return html`<p>Trustees deal, check what they received and finalize. Upload their files on the <a href="/admin/elections/${id}/ceremony">ceremony page</a>, which also declares the key ready (at least ${t.threshold} of ${t.count} finalizations).</p>`;
    case 'ready':
      return html`<p>Generate the voters’ secret codes on the <a href="/admin/elections/${id}/credentials">voters page</a> (${s.credentials} registered so far).</p>
${s.credentials > 0 ? action(session, id, 'open', 'Open voting', html`Voters can cast ballots at <a href="/vote/${id}">/vote/${id}</a> as soon as voting is open.`) : ''}`;
    case 'voting-open':
      return action(session, id, 'close', 'Close voting', 'Closing voting refuses every later ballot. The ballots cast so far go to the mix.');
    case 'voting-closed':
      return action(session, id, 'mixing', 'Start mixing', 'Fixes the ballot box (the last ballot of each credential) as the first mix server’s input; the mix servers then shuffle in turn.');
    case 'mixing':
      return s.rounds.length === s.manifest.mixServers.length
        ? action(session, id, 'decrypting', 'Start decryption', 'Every mix round is complete: check each round’s shuffle proof, then publish the last output for the trustees to decrypt (minutes for a large election: the progress shows below).')
        : html`<p>The mix servers shuffle in turn (${s.rounds.length} of ${s.manifest.mixServers.length} rounds done). This page updates by itself.</p>`;
    case 'decrypting':
      return html`<p>Give the trustees the list to decrypt (<a href="/elections/${id}/final-list" download="list-${id}.json">list.json</a>), then upload their partial decryptions on the <a href="/admin/elections/${id}/ceremony">ceremony page</a>.</p>
${action(session, id, 'tally', 'Combine and publish the result', `Needs at least ${t.threshold} valid partial decryptions; every proof is checked, and a wrong one is rejected.`)}`;
    case 'tallied':
      return html`<p>The result is published: <a href="/admin/elections/${id}/results">see the results</a>.</p>`;
  }
}

export function electionPage(session: Session, s: ElectionStatus, status: LiveStatus, runs: boolean): Html {
  const m = s.manifest;
  const current = ELECTION_STATES.indexOf(s.state);
  return html`<h1>${m.title}</h1>
<p class="subtitle">Election <code>${s.id}</code> · state <strong class="state" data-live="state">${s.state}</strong></p>
${electionNav(s.id, '')}
${stateChangedNotice()}
<ol class="stepper" aria-label="Election states">${ELECTION_STATES.map(
    (state, i) => html`<li class="${i < current ? 'done' : i === current ? 'current' : 'todo'}"${i === current ? html` aria-current="step"` : ''}>${state}</li>`,
  )}</ol>
<section aria-labelledby="next-step"><h2 id="next-step">Next step</h2>${nextStep(session, s, runs)}</section>
<section aria-labelledby="turnout"><h2 id="turnout">Turnout</h2>
<p class="big">${live(status, 'turnout')}</p>
<dl class="facts"><dt>Registered credentials</dt><dd>${live(status, 'credentials')}</dd><dt>Ballots cast (re-votes included)</dt><dd>${live(status, 'ballots')}</dd></dl>
</section>
<section aria-labelledby="tree-head"><h2 id="tree-head">The board’s latest signed tree head</h2>
<dl class="facts">
<dt>Size</dt><dd>${live(status, 'head-size')}</dd>
<dt>Root</dt><dd><code>${live(status, 'head-root')}</code></dd>
<dt>Signed at</dt><dd>${live(status, 'head-time')}</dd>
<dt>Signature</dt><dd><code class="wrap">${live(status, 'head-signature')}</code></dd>
</dl></section>
<section aria-labelledby="parties"><h2 id="parties">Parties</h2>
<table class="list progress">
<caption>Trustees: files on the board</caption>
<thead><tr><th scope="col">Trustee</th>${TRUSTEE_COLUMNS.map(([, label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>${Array.from(
    { length: m.trustees.count },
    (_, i) => html`<tr><th scope="row">${i + 1}</th>${TRUSTEE_COLUMNS.map(([kind]) => html`<td>${live(status, `trustee-${i + 1}-${kind}`)}</td>`)}</tr>`,
  )}</tbody>
</table>
<p>Negotiation on the manifest: ${live(status, 'negotiation')}</p>
<table class="list progress">
<caption>Mix servers, in mixing order</caption>
<thead><tr><th scope="col">Round</th><th scope="col">Peer</th><th scope="col">Progress</th></tr></thead>
<tbody>${m.mixServers.map((peer, k) => html`<tr><th scope="row">${k + 1}</th><td><code>${peer}</code></td><td>${live(status, `mix-${k + 1}`)}</td></tr>`)}</tbody>
</table>
<p>Decryption: ${live(status, 'decryption')}</p>
<p>Tally: <span role="status">${live(status, 'tally')}</span></p>
</section>
<section aria-labelledby="record"><h2 id="record">The public record</h2>
<p><a href="/elections/${s.id}/transcript" download>Download the transcript</a> (a tar of every entry and signed head of the board) and check it with the independent verifier; see the <a href="/admin/elections/${s.id}/results">results page</a> for the steps.</p>
</section>`;
}

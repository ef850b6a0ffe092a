import type { Session } from '../../admin-store/sessions.js';
import { html, type Html } from '../../http/html.js';
import { csrfField, electionNav } from '../admin-layout.js';
import type { CeremonyView } from '../election-driver.js';
import type { LiveStatus } from '../live-status.js';
import { live, stateChangedNotice } from './election-page.js';

const FILE_NAMES: Record<string, string> = {
  'trustee.identity': 'identity',
  'dkg.deal': 'deal',
  'dkg.complaints': 'complaints',
  'dkg.finalization': 'finalization',
  'decryption.partial': 'partial-decryption',
};

function fileCell(id: string, kind: string, j: number, status: LiveStatus): Html {
  const key = `trustee-${j}-${kind}`;
  return html`<td>${live(status, key)}${status.values[key] === 'posted' ? html` <a href="/elections/${id}/documents/${kind}/${j}" download="${FILE_NAMES[kind]}-${j}.json" aria-label="download trustee ${j}'s ${FILE_NAMES[kind]}">file</a>` : ''}</td>`;
}

function complaintsSection(view: CeremonyView): Html {
  const filed = view.trustees.flatMap((t) => t.complainedAbout.map((dealer) => ({ dealer, by: t.index })));
  const outcome = 'pending' in view.outcome ? null : view.outcome;
  return html`<section aria-labelledby="complaints"><h2 id="complaints">Complaints and outcome</h2>
${
  filed.length === 0
    ? html`<p>No complaint${(view.status.documents['dkg.complaints'] ?? []).length ? '' : ' filed yet'}.</p>`
    : html`<ul>${filed.map(({ dealer, by }) => {
        const upheld = outcome?.disqualified.find((d) => d.dealer === dealer && d.reason.includes(`trustee ${by} `));
        const dismissed = outcome?.voidComplaints.find((v) => v.dealer === dealer && v.recipient === by);
        return html`<li>Trustee ${by} complained about dealer ${dealer}: ${upheld ? html`<strong>upheld</strong>, dealer ${dealer} is disqualified` : dismissed ? html`void (${dismissed.reason})` : 'not judged yet'}</li>`;
      })}</ul>`
}
${
  outcome
    ? html`<dl class="facts"><dt>Qualified dealers</dt><dd>${outcome.qualified.join(', ')}</dd>
<dt>Disqualified</dt><dd>${outcome.disqualified.length ? outcome.disqualified.map((d) => html`${d.dealer}: ${d.reason}. `) : 'none'}</dd>
<dt>Joint public key</dt><dd><code class="wrap">${outcome.jointKey}</code></dd></dl>`
    : html`<p>Outcome: ${'pending' in view.outcome ? view.outcome.pending : ''}.</p>`
}
</section>`;
}

export function ceremonyPage(session: Session, view: CeremonyView, status: LiveStatus, runs: boolean): Html {
  const s = view.status;
  const id = s.id;
  const t = s.manifest.trustees;
  const canReady = runs && s.state === 'key-ceremony' && !('pending' in view.outcome) && (s.documents['dkg.finalization'] ?? []).length >= t.threshold;
  return html`<h1>Trustees and key ceremony</h1>
<p class="subtitle">${s.manifest.title} · <code>${id}</code> · state <strong data-live="state">${s.state}</strong> · ${t.threshold} of ${t.count} trustees decrypt</p>
${electionNav(id, '/ceremony')}
${stateChangedNotice()}
<section aria-labelledby="files"><h2 id="files">What the trustees need</h2>
<ul>
<li><a href="/elections/${id}/manifest" download="manifest.json">manifest.json</a> (every step), and their index 1 to ${t.count}</li>
<li><a href="/elections/${id}/roster" download="roster.json">roster.json</a> once every identity is posted (deal, receive, finalize)</li>
${
  s.state === 'decrypting'
    ? html`<li><a href="/elections/${id}/final-list" download="list.json">list.json</a>, the list to decrypt, whose hash the trustees give to <code>ostraka trustee decrypt --expect-hash</code>: <code class="wrap">${s.rounds[s.rounds.length - 1]?.output_hash ?? ''}</code> (compare it with the verifier's report)</li>`
    : ''
}
</ul>
<p>Negotiation on the manifest: ${live(status, 'negotiation')}</p>
${view.negotiation ? html`<p>Trustees approve offline with <code>npx ostraka trustee approve --keystore FILE --manifest manifest.json --negotiation ${view.negotiation.id} --seq N</code>, N being the number of contributions already made (${view.negotiation.contributions} now).</p>` : ''}
</section>
<section aria-labelledby="upload"><h2 id="upload">Upload trustee files</h2>
<form method="post" action="/admin/elections/${id}/files" enctype="multipart/form-data" class="upload">
${csrfField(session)}
<p><label for="trustee-files">Files from the trustees’ USB stick: registration, identity, approval, deal, complaints, finalization, partial decryption</label>
<input id="trustee-files" name="files" type="file" accept=".json,application/json" multiple required></p>
<p><button type="submit">Upload and relay to the board</button></p>
</form></section>
<section aria-labelledby="progress"><h2 id="progress">Who has posted what</h2>
<table class="list progress">
<caption>Trustees</caption>
<thead><tr><th scope="col">Trustee</th><th scope="col">Name and fingerprint</th><th scope="col">Peer</th><th scope="col">identity</th><th scope="col">approval</th><th scope="col">deal</th><th scope="col">complaints</th><th scope="col">finalization</th><th scope="col">partial decryption</th></tr></thead>
<tbody>${view.trustees.map(
    (tr) => html`<tr><th scope="row">${tr.index}</th><td>${tr.name ? html`${tr.name}<br><code>${tr.fingerprint}</code>` : 'not identified yet'}</td><td>${tr.registered ? 'registered' : 'not registered'}</td>
${fileCell(id, 'trustee.identity', tr.index, status)}<td>${live(status, `trustee-${tr.index}-approval`)}</td>${['dkg.deal', 'dkg.complaints', 'dkg.finalization', 'decryption.partial'].map((k) => fileCell(id, k, tr.index, status))}</tr>`,
  )}</tbody>
</table>
<p class="hint">Compare every fingerprint with the one its trustee read out in person.</p>
</section>
${complaintsSection(view)}
${
  canReady
    ? html`<form method="post" action="/admin/elections/${id}/ready" class="action">${csrfField(session)}<p>${(s.documents['dkg.finalization'] ?? []).length} of ${t.count} trustees have finalized with this key. Declaring it ready fixes the election’s public key; credentials and voting come next.</p><p><button type="submit">Declare the election key ready</button></p></form>`
    : ''
}`;
}

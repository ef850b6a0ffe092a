import type { ElectionStatus } from '@ostraka/election';
import type { Session } from '../../admin-store/sessions.js';
import { html, type Html } from '../../http/html.js';
import { csrfField, electionNav } from '../admin-layout.js';
import { MAX_CREDENTIALS_PER_REQUEST } from '../election-driver.js';
import { stateChangedNotice } from './election-page.js';

export function credentialsPage(session: Session, s: ElectionStatus, runs: boolean): Html {
  const open = runs && (s.state === 'key-ceremony' || s.state === 'ready');
  return html`<h1>Voters</h1>
<p class="subtitle">${s.manifest.title} · <code>${s.id}</code> · state <strong data-live="state">${s.state}</strong></p>
${electionNav(s.id, '/credentials')}
${stateChangedNotice()}
<p><strong data-live="credentials">${s.credentials}</strong> credentials are registered on the board.</p>
<p>Each voter gets a secret code by post. The board only ever sees the public credential derived from
it, and never who holds which. The codes exist only in the file you download now: the admin keeps no
copy. Print and mail them, then destroy the file.</p>
${
  open
    ? html`<form method="post" action="/admin/elections/${s.id}/credentials" class="action">
${csrfField(session)}
<p><label for="count">Number of codes to generate</label>
<input id="count" name="count" type="number" min="1" max="${MAX_CREDENTIALS_PER_REQUEST}" value="100" required aria-describedby="count-hint">
<span class="hint" id="count-hint">at most ${MAX_CREDENTIALS_PER_REQUEST} at a time; generate again for more</span></p>
<p><button type="submit">Generate and download the codes (CSV)</button></p>
</form>`
    : html`<p>Credentials are registered before voting opens; the election is ${s.state}.</p>`
}
<p>Voters vote at <a href="/vote/${s.id}">/vote/${s.id}</a> and check their receipt at <a href="/receipt">/receipt</a>.</p>`;
}

import type { PeerRecord } from '@ostraka/board';
import type { Session } from '../../admin-store/sessions.js';
import { html, type Html } from '../../http/html.js';
import { csrfField } from '../admin-layout.js';

/** Registered peers, and the upload of registration requests (mix servers, trustees). */
export function peersPage(session: Session, peers: readonly PeerRecord[]): Html {
  return html`<h1>Peers</h1>
<p>Mix servers and trustees join the board with a registration request: a mix server operator runs
<code>npx ostraka mix enroll --key FILE --board URL --out mix.json</code>, a trustee
<code>npx ostraka trustee enroll</code> on its offline laptop. Upload the files here: the admin
registers each with the board authority's key (the request carries the peer's proof that it holds its key).</p>
<form method="post" action="/admin/peers" enctype="multipart/form-data" class="upload">
${csrfField(session)}
<p><label for="peer-files">Registration requests (JSON)</label>
<input id="peer-files" name="files" type="file" accept=".json,application/json" multiple required></p>
<p><button type="submit">Register</button></p>
</form>
<table class="list">
<caption>Registered peers</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Peer id</th><th scope="col">Entry</th></tr></thead>
<tbody>${peers.map((p) => html`<tr><td>${p.name}</td><td>${p.peerType}</td><td><code>${p.peerId}</code></td><td>${p.entry}</td></tr>`)}</tbody>
</table>`;
}

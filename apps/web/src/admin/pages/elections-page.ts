import { fingerprint } from '@ostraka/crypto';
import { html, type Html } from '../../http/html.js';
import { notice } from '../../http/layout.js';
import type { WebServices } from '../../services.js';
import type { ElectionDriver } from '../election-driver.js';

export interface ElectionSummary {
  readonly id: string;
  readonly title: string;
  readonly state: string;
}

/** The elections on the board, with their states, and the board's identity. */
export function electionsPage(s: WebServices, driver: ElectionDriver, elections: readonly ElectionSummary[], runBy: ReadonlyMap<string, boolean>): Html {
  const warnings: string[] = [];
  if (!driver.holdsBoardAuthority)
    warnings.push(
      "This admin does not hold the board's authority key: it cannot register peers. Import the key the board was started with: npx ostraka admin authority-key --import FILE.",
    );
  if (s.assets.missing.length) warnings.push(`The booth's scripts were not built (${s.assets.missing.join(', ')}): run npm run build.`);
  return html`<h1>Elections</h1>
${notice('error', warnings)}
<p><a class="button" href="/admin/elections/new">Create an election</a></p>
${
  elections.length === 0
    ? html`<p>No election on this board yet.</p>`
    : html`<table class="list">
<caption>Elections on this board</caption>
<thead><tr><th scope="col">Election</th><th scope="col">Title</th><th scope="col">State</th><th scope="col">Run by</th></tr></thead>
<tbody>${elections.map(
        (e) => html`<tr><td><a href="/admin/elections/${e.id}">${e.id}</a></td><td>${e.title}</td><td><span class="state state-${e.state}">${e.state}</span></td><td>${runBy.get(e.id) ? 'this admin' : 'another authority'}</td></tr>`,
      )}</tbody>
</table>`
}
<h2>This board</h2>
<dl class="facts">
<dt>Board id</dt><dd><code>${s.board.identity.id}</code></dd>
<dt>Board key fingerprint</dt><dd><code>${fingerprint(s.board.identity.publicKey)}</code></dd>
<dt>Election authority peer (this admin)</dt><dd><code>${driver.authorityPeer}</code></dd>
<dt>Latest signed tree head</dt><dd>size ${s.board.head().size}, root <code>${s.board.head().root}</code></dd>
<dt>Booth script SHA-256</dt><dd><code class="wrap">${s.assets.files.get('booth.js')?.sha256 ?? 'not built'}</code> (publish it: anyone can rebuild the booth from the sources and compare, <code>sha256sum apps/web/dist/assets/booth.js</code>)</dd>
</dl>`;
}

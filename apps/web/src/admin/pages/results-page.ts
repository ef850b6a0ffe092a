import type { ElectionStatus } from '@ostraka/election';
import type { Tally } from '@ostraka/protocol';
import { html, type Html } from '../../http/html.js';
import { electionNav } from '../admin-layout.js';
import { stateChangedNotice } from './election-page.js';
import { questionResult } from './result-charts.js';

export interface PublishedTally {
  readonly entry: number;
  readonly tally: Tally;
  readonly decryptions: number[];
  readonly plaintexts_hash: string;
}

function howToVerify(id: string, origin: string): Html {
  return html`<section aria-labelledby="verify"><h2 id="verify">Download the transcript and verify it</h2>
<p><a class="button" href="/elections/${id}/transcript" download>Download the transcript (${id}-transcript.tar)</a></p>
<p>The transcript is the board’s whole log (every entry and every signed tree head) up to now. Anyone can
check the election from it alone with the independent verifier, which shares no code with the board:</p>
<pre><code>curl -o ${id}-transcript.tar ${origin}/elections/${id}/transcript
tar xf ${id}-transcript.tar
npx ostraka-verify ${id}-transcript</code></pre>
<p>It checks every signature, the trustees’ key ceremony, every ballot’s proof, each mix server’s shuffle
proof, every partial decryption, and recounts the result. Exit code 0 means everything verifies. A voter
adds <code>--receipt receipt.json</code> to check that a ballot was counted. The same directory can be
written with <code>npx ostraka board export --election ${id} --out DIR</code>.</p>
</section>`;
}

export function resultsPage(s: ElectionStatus, published: PublishedTally | null, origin: string): Html {
  const head = html`<h1>Results</h1>
<p class="subtitle">${s.manifest.title} · <code>${s.id}</code> · state <strong data-live="state">${s.state}</strong></p>
${electionNav(s.id, '/results')}
${stateChangedNotice()}`;
  if (!published) return html`${head}<p>The election is not tallied yet (it is ${s.state}).</p>${howToVerify(s.id, origin)}`;
  const t = published.tally;
  return html`${head}
<section aria-labelledby="summary"><h2 id="summary">Ballots</h2>
<dl class="facts">
<dt>Ballots decrypted</dt><dd data-result="ballots">${t.ballots}</dd>
<dt>Valid</dt><dd data-result="valid">${t.valid}</dd>
<dt>Invalid</dt><dd data-result="invalid">${t.invalid}${t.invalid ? html` (positions ${t.invalidPositions.join(', ')} of the last mix output)` : ''}</dd>
<dt>Decrypted by trustees</dt><dd>${published.decryptions.join(', ')}</dd>
<dt>Signed result</dt><dd>entry ${published.entry} of the board’s log</dd>
</dl></section>
<section aria-labelledby="questions"><h2 id="questions">Questions</h2>
${t.questions.map((r, k) => questionResult(s.manifest, k, r, t.valid))}
</section>
${howToVerify(s.id, origin)}`;
}

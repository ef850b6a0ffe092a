import type { ElectionStatus } from '@ostraka/election';
import { html, type Html } from '../http/html.js';
import { notice, page } from '../http/layout.js';
import { ballotForm } from './ballot-form.js';

const NOT_OPEN: Record<string, string> = {
  draft: 'Voting has not opened yet: the election is still being prepared.',
  'key-ceremony': 'Voting has not opened yet: the trustees are making the election key.',
  ready: 'Voting has not opened yet.',
  'voting-closed': 'Voting is closed. Ballots can no longer be cast.',
  mixing: 'Voting is closed; the ballots are being mixed.',
  decrypting: 'Voting is closed; the ballots are being decrypted.',
  tallied: 'Voting is closed and the result is published.',
};

/**
 * The booth of one election. Three steps in one page, shown in turn by the booth script: the
 * secret code, the ballot, the receipt. Every step starts hidden, so that without the script no
 * form can be submitted (a code must never travel in a URL); the page then says why no ballot can
 * be cast, as it does for an election that is not open.
 */
export function boothPage(s: ElectionStatus): Html {
  const m = s.manifest;
  const open = s.state === 'voting-open';
  const body = html`<h1>${m.title}</h1>
${m.description ? html`<p class="description">${m.description}</p>` : ''}
<p class="subtitle">Election <code>${s.id}</code> · voting from ${m.voting.opens} to ${m.voting.closes} (UTC)</p>
<div id="booth-status" role="status" aria-live="polite" class="progress-line"></div>
<div id="booth-error" role="alert" class="notice notice-error" tabindex="-1" hidden></div>
${
  !open
    ? notice('info', [NOT_OPEN[s.state] ?? `Voting is not open (${s.state}).`])
    : html`<noscript>${notice('error', ['The booth encrypts your ballot in this browser: it needs JavaScript.'])}</noscript>
<section id="step-code" aria-labelledby="code-heading" hidden>
<h2 id="code-heading">1. Your secret code</h2>
<form id="code-form" novalidate>
<p><label for="code">Secret code from your voting letter</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="code-hint" inputmode="text"></p>
<p class="hint" id="code-hint">20 letters and digits, like K7QM-2XH9-… Dashes and spaces do not matter.</p>
<p><button type="submit">Continue</button></p>
</form>
</section>
<section id="step-ballot" aria-labelledby="ballot-heading" hidden>
<h2 id="ballot-heading" tabindex="-1">2. Your ballot</h2>
<form id="ballot-form" novalidate>
${ballotForm(m.questions)}
<p>Your choices are encrypted in this browser and signed with your code before they leave it. You may
vote again later: only your last ballot counts.</p>
<p><button type="submit" id="cast">Encrypt and cast my ballot</button></p>
</form>
</section>
<section id="step-receipt" aria-labelledby="receipt-heading" hidden>
<h2 id="receipt-heading" tabindex="-1">3. Your receipt</h2>
<p>Your ballot is on the board. Save this receipt: with it you can check, later and from anywhere, that your ballot is published and counted, without revealing how you voted.</p>
<dl class="facts">
<dt>Ballot tracker</dt><dd><code id="receipt-tracker" class="wrap"></code></dd>
<dt>Board entry</dt><dd id="receipt-entry"></dd>
<dt>Signed tree head</dt><dd>size <span id="receipt-head-size"></span>, root <code id="receipt-head-root" class="wrap"></code>, signed at <span id="receipt-head-time"></span></dd>
</dl>
<p><button type="button" id="receipt-download">Download the receipt (JSON)</button> · <a href="/receipt">Check a receipt</a></p>
</section>`
}`;
  return page({ title: m.title, body, scripts: open ? ['booth.js'] : [], mainData: { election: s.id } });
}

export function receiptPage(): Html {
  return page({
    title: 'Check a receipt',
    scripts: ['receipt.js'],
    body: html`<h1>Check a voting receipt</h1>
<p>Your browser checks, with the board’s public key and Merkle proofs, that the ballot of the receipt is
published in the board’s log under a head the board signed, that the log was not rewritten since, and,
once voting has closed, whether the ballot went into the count.</p>
<form id="receipt-form" novalidate>
<p><label for="receipt-file">Receipt file</label> <input type="file" id="receipt-file" accept=".json,application/json"></p>
<p><label for="receipt-text">or paste the receipt</label><br><textarea id="receipt-text" rows="8" cols="70" spellcheck="false"></textarea></p>
<p><button type="submit">Check the receipt</button></p>
</form>
<div id="receipt-status" role="status" aria-live="polite" class="progress-line"></div>
<div id="receipt-result" hidden>
<h2 id="receipt-verdict" tabindex="-1"></h2>
<ul id="receipt-checks" class="checks"></ul>
</div>`,
  });
}

export function missingElectionPage(id: string): Html {
  return page({ title: 'No such election', body: html`<h1>No such election</h1>${notice('error', [`There is no election "${id}" on this board. Check the address in your voting letter.`])}` });
}

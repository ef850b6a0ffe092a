import './zod-jitless.js';
import { checkReceipt, type Receipt } from '@ostraka/client';
import { byId, say } from './dom.js';

/** The receipt check (docs/web.md §Receipt): every check runs in this browser against the board. */
const COUNTED: Record<string, string> = {
  counted: 'Your ballot is in the ballot box that went to the mix: it is counted.',
  replaced: 'A later ballot cast with the same code replaced this one: the later ballot is the one counted.',
  pending: 'Voting has not closed yet: the ballot box is not fixed, so whether it is counted is not known yet.',
  missing: 'The ballot is NOT in the ballot box, and no later ballot of the same code replaced it.',
};

const status = byId('receipt-status');
const result = byId('receipt-result');

byId<HTMLInputElement>('receipt-file').addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) byId<HTMLTextAreaElement>('receipt-text').value = await file.text();
});

function parseReceipt(text: string): Receipt {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('this is not a receipt file (not JSON)');
  }
  const r = json as Partial<Receipt>;
  if (r?.type !== 'ostraka.receipt' || typeof r.election !== 'string' || typeof r.tracker !== 'string' || !r.entry || !r.tree_head)
    throw new Error('this is not an ostraka receipt');
  return r as Receipt;
}

byId<HTMLFormElement>('receipt-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  result.hidden = true;
  const list = byId('receipt-checks');
  list.replaceChildren();
  let receipt: Receipt;
  try {
    receipt = parseReceipt(byId<HTMLTextAreaElement>('receipt-text').value.trim());
  } catch (e) {
    say(status, `Cannot check: ${(e as Error).message}.`);
    return;
  }
  say(status, 'Checking with the board…');
  try {
    const check = await checkReceipt(location.origin, receipt);
    for (const c of check.checks) {
      const li = document.createElement('li');
      li.className = c.ok ? 'ok' : 'failed';
      li.dataset.check = c.name;
      li.textContent = `${c.ok ? '✔ passed' : '✘ FAILED'}: ${c.name}: ${c.detail}`;
      list.append(li);
    }
    const verdict = byId('receipt-verdict');
    verdict.textContent = check.ok ? `Receipt verified. ${COUNTED[check.counted]}` : 'This receipt does NOT verify: see the failed checks below.';
    verdict.dataset.ok = String(check.ok);
    verdict.dataset.counted = check.counted;
    result.hidden = false;
    say(status, '');
    verdict.focus();
  } catch (e) {
    say(status, `The check could not be completed: ${(e as Error).message}.`);
  }
});

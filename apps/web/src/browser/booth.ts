import './zod-jitless.js';
import { boardRequest, castBallot, createBallot, credentialKey, CredentialCodeError, normalizeCredentialCode, type Receipt } from '@ostraka/client';
import type { SigningKey } from '@ostraka/crypto';
import { answerProblem, type FullManifest } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { byId, downloadJson, say } from './dom.js';
import { rankingHasGap, readAnswers, unansweredPlurality } from './read-answers.js';
import { refusalMessage } from './refusal-message.js';

/**
 * The voting booth (docs/web.md §Booth): the code, the ballot, the receipt. The ballot is checked
 * against the manifest's rules, encoded, encrypted under the election key and proven in this
 * browser, with the project's own client library; the board receives only the signed ciphertext.
 */
interface ElectionInfo {
  readonly id: string;
  readonly state: string;
  readonly manifest: FullManifest;
  readonly joint_key: string | null;
  readonly ballot_cycle: number | null;
}

const origin = location.origin;
const main = byId('main');
const electionId = main.dataset.election as string;
const status = byId('booth-status');
const error = byId('booth-error');
let credential: SigningKey | null = null;
let info: ElectionInfo | null = null;

const fail = (message: string) => {
  say(status, '');
  say(error, message);
  error.focus();
};

async function election(): Promise<ElectionInfo> {
  info = await boardRequest<ElectionInfo>(origin, 'GET', `/elections/${electionId}`);
  return info;
}

function show(step: 'code' | 'ballot' | 'receipt'): void {
  for (const s of ['code', 'ballot', 'receipt']) byId(`step-${s}`).hidden = s !== step;
  if (step !== 'code') byId(`${step}-heading`).focus();
}

byId('step-code').hidden = false;

byId<HTMLFormElement>('code-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  const input = byId<HTMLInputElement>('code');
  let code: string;
  try {
    code = normalizeCredentialCode(input.value);
  } catch (e) {
    if (!(e instanceof CredentialCodeError)) throw e;
    input.setAttribute('aria-invalid', 'true');
    fail(`This is not a valid secret code: ${e.message}.`);
    input.focus();
    return;
  }
  say(status, 'Checking your code…');
  try {
    const key = credentialKey(electionId, code);
    const { registered } = await boardRequest<{ registered: boolean }>(origin, 'GET', `/vote/${electionId}/credentials/${keyId(key.publicKey)}`);
    if (!registered) {
      input.setAttribute('aria-invalid', 'true');
      fail('This secret code is not registered for this election. Check the code on your voting letter (each election has its own code).');
      input.focus();
      return;
    }
    const e = await election();
    if (e.state !== 'voting-open') return fail(`Voting is not open for this election (it is ${e.state}).`);
    credential = key;
    input.removeAttribute('aria-invalid');
    input.value = '';
    say(status, '');
    show('ballot');
  } catch (e) {
    fail(refusalMessage(e));
  }
});

function markQuestion(k: number, problem: string | null): void {
  const fieldset = byId(`q-${k}`);
  const message = byId(`q-${k}-error`);
  say(message, problem ? `${problem}.` : '');
  fieldset.classList.toggle('invalid', problem !== null);
  for (const control of fieldset.querySelectorAll('input, select')) {
    if (problem) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-errormessage', `q-${k}-error`);
    } else {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-errormessage');
    }
  }
}

const form = byId<HTMLFormElement>('ballot-form');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  if (!credential || !info) return fail('Enter your secret code first.');
  const manifest = info.manifest;
  const answers = readAnswers(form, manifest.questions);
  const problems = manifest.questions.map((q, k) => {
    if (unansweredPlurality(q, answers[k])) return 'Choose a candidate';
    if (rankingHasGap(form, q, k)) return 'Fill your choices in order, without leaving an empty choice before a filled one';
    const p = answerProblem(q, answers[k]);
    return p ? p.charAt(0).toUpperCase() + p.slice(1) : null;
  });
  problems.forEach((p, k) => markQuestion(k, p));
  const first = problems.findIndex((p) => p !== null);
  if (first >= 0) {
    fail(`Your ballot is not complete: question ${first + 1}, “${manifest.questions[first].title}”: ${problems[first]}. Nothing was sent.`);
    byId(`q-${first}`).querySelector<HTMLElement>('input, select')?.focus();
    return;
  }
  const button = byId<HTMLButtonElement>('cast');
  button.disabled = true;
  try {
    say(status, 'Encrypting your ballot…');
    const current = await election();
    if (current.state !== 'voting-open' || current.joint_key === null || current.ballot_cycle === null)
      return fail(`Voting is not open for this election any more (it is ${current.state}): your ballot was NOT cast.`);
    // Let the status message render before the encryption holds the main thread.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const ballot = createBallot(current.manifest, current.joint_key, answers, credential);
    say(status, 'Casting your ballot…');
    const receipt = await castBallot(origin, { id: current.id, authority: current.manifest.authority, ballotCycle: current.ballot_cycle }, ballot, credential);
    showReceipt(receipt);
  } catch (e) {
    fail(refusalMessage(e));
  } finally {
    button.disabled = false;
  }
});

function showReceipt(receipt: Receipt): void {
  say(status, 'Your ballot was cast.');
  byId('receipt-tracker').textContent = receipt.tracker;
  byId('receipt-entry').textContent = `entry ${receipt.entry.index} of the board’s log (leaf hash ${receipt.entry.leaf_hash})`;
  byId('receipt-head-size').textContent = String(receipt.tree_head.size);
  byId('receipt-head-root').textContent = receipt.tree_head.root;
  byId('receipt-head-time').textContent = new Date(receipt.tree_head.timestamp).toISOString();
  byId('receipt-download').onclick = () => downloadJson(`receipt-${receipt.election}-${receipt.tracker.slice(0, 12)}.json`, receipt);
  // The credential key is dropped and the choices cleared: a re-vote starts again from the code.
  credential = null;
  form.reset();
  show('receipt');
}

/**
 * A whole election through the web, in Debian's chromium (playwright-core), against a real
 * `ostraka board serve` process: an administrator signs in, registers the mix servers, creates an
 * election with every question kind, runs the key ceremony with the trustees' files uploaded
 * through the pages (one dealer cheats and is disqualified by a complaint), generates the voters'
 * codes, opens voting; voters vote in the booth (a mistyped code, an unregistered code, a ballot
 * breaking the rules, a re-vote, a ballot cast after closing); the mix servers shuffle; the
 * trustees' partial decryptions are uploaded (a wrong one is rejected and named); the results page shows exactly the counts cast,
 * and receipts verify in the browser. Then the security cases in the browser: every admin page
 * anonymous, a forged CSRF token, a burst of wrong passwords. No CSP violation, page error or
 * foreign request happens anywhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BoardClient } from '@ostraka/board/client';
import { generateCredentialCode } from '@ostraka/client';
import { generateSigningKey, toHex, type SigningKey } from '@ostraka/crypto';
import { fileText, InProcessTrustee, mixInProcess } from '@ostraka/election/testing';
import { canonicalJson, encodeBallot, tallyBallots, type Answer, type CiphertextListFile, type DealFile, type ComplaintsFile, type FullManifest, type Json, type RosterFile } from '@ostraka/protocol';
import { KEY_TYPE_ED25519, keyId, signKeyPossession } from '@ostraka/protocol/log';
import { runOstraka, startBoardProcess, stopAllBoardProcesses, type BoardProcess } from '../../board/test/support/server-process.js';
import { launchChromium, watchPage } from './support/chromium.js';

const ELECTION = 'town-2026';
const PASSWORD = 'a long administrator password';

/** What each voter casts, in booth terms (indices into the manifest's candidates). */
interface Vote {
  plurality: number | 'blank';
  approval: number[];
  ranking: number[];
  writeIn: string;
}
const toAnswers = (v: Vote): Answer[] => [
  { kind: 'plurality', candidate: v.plurality === 'blank' ? null : v.plurality },
  { kind: 'approval', candidates: v.approval },
  { kind: 'ranked', ranking: v.ranking },
  { kind: 'write-in', text: v.writeIn },
];

describe('an election run from the web admin, voted in the browser booth', () => {
  let dir: string;
  let server: BoardProcess;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let client: BoardClient;
  const problems: string[] = [];
  const mixKeys: SigningKey[] = [generateSigningKey(), generateSigningKey()];
  let manifest: FullManifest;
  let trustees: InProcessTrustee[] = [];
  let codes: string[] = [];
  const counted = new Map<string, Vote>();
  const receipts: Record<string, unknown> = {};

  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  const url = (path: string) => server.url + path;
  const flash = async (p: Page) => (await p.locator('.notice').allTextContents()).join(' | ');

  /** Uploads files on the election's ceremony page and returns the page's messages. */
  async function upload(paths: string[]): Promise<string> {
    await page.goto(url(`/admin/elections/${ELECTION}/ceremony`));
    await page.setInputFiles('#trustee-files', paths);
    await Promise.all([page.waitForURL(/\/ceremony$/), page.click('form.upload button[type=submit]')]);
    return flash(page);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ostraka-web-browser-'));
    const db = join(dir, 'board.sqlite');
    writeFileSync(join(dir, 'password'), PASSWORD + '\n', { mode: 0o600 });
    const added = await runOstraka(['admin', 'add', 'alice', '--db', db, '--password-file', join(dir, 'password')]);
    expect(added.code, added.stderr).toBe(0);
    const { authority_key } = JSON.parse(added.stdout) as { authority_key: string };
    server = await startBoardProcess(['--db', db, '--port', '0', '--log-level', 'warn', '--rate-limit', '0', '--verify-threads', '1', '--authority-key', authority_key]);
    client = new BoardClient(server.url);
    browser = await launchChromium();
    admin = await browser.newContext();
    page = watchPage(await admin.newPage(), server.url, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await stopAllBoardProcesses();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs the administrator in and registers the mix servers from their enrollment files', async () => {
    await page.goto(url('/admin'));
    expect(page.url()).toBe(url('/admin/login'));
    await page.fill('#username', 'alice');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(url('/admin')), page.press('#password', 'Enter')]);
    expect(await page.textContent('header')).toContain('Signed in as alice');

    const board = await client.boardId();
    // The request `ostraka mix enroll` writes (no `type`, no `board`: the proof binds the board).
    const requests = mixKeys.map((key, k) => {
      const id = keyId(key.publicKey);
      return file(`mix-${k + 1}.json`, { key_data: toHex(key.publicKey), key_id: id, key_type: KEY_TYPE_ED25519, key_proof: signKeyPossession(key, board, id), name: `Mix ${k + 1}`, peer_type: 'MIXNET' });
    });
    await page.goto(url('/admin/peers'));
    await page.setInputFiles('#peer-files', requests);
    await Promise.all([page.waitForURL(url('/admin/peers')), page.click('form.upload button[type=submit]')]);
    expect(await flash(page)).toContain('registered peer "Mix 1"');
    expect(await page.locator('table.list tbody tr').count()).toBe(2);
  });

  it('creates an election with every question kind from the form', async () => {
    await page.goto(url('/admin/elections/new'));
    await page.fill('#id', ELECTION);
    await page.fill('#title', 'Town vote 2026');
    await page.fill('#count', '3');
    await page.fill('#threshold', '2');
    await page.check('#mix-0');
    await page.check('#mix-1');
    for (let k = 1; k < 4; k++) await page.click('#add-question');
    const q = (k: number, field: string) => `#q-${k}-${field}`;
    await page.fill(q(0, 'id'), 'mayor');
    await page.fill(q(0, 'title'), 'Mayor');
    await page.fill(q(0, 'candidates'), 'Ada\nBo\nCy');
    await page.selectOption(q(1, 'kind'), 'approval');
    await page.fill(q(1, 'id'), 'council');
    await page.fill(q(1, 'title'), 'Council');
    await page.fill(q(1, 'candidates'), 'Dee\nEd\nFay\nGus');
    await page.fill(q(1, 'max'), '2');
    expect(await page.isVisible(q(1, 'allow-blank'))).toBe(false); // a plurality-only field, hidden for approval
    await page.selectOption(q(2, 'kind'), 'ranked');
    await page.fill(q(2, 'id'), 'budget');
    await page.fill(q(2, 'title'), 'Budget priorities');
    await page.fill(q(2, 'candidates'), 'Parks\nRoads\nSchools');
    await page.selectOption(q(3, 'kind'), 'write-in');
    await page.fill(q(3, 'id'), 'motto');
    await page.fill(q(3, 'title'), 'Town motto');
    await page.fill(q(3, 'max-length'), '53');
    await Promise.all([page.waitForURL(/\/ceremony$/), page.click('form.election-form button[type=submit]')]);
    expect(await flash(page)).toContain(`election "${ELECTION}" created`);
    manifest = await client.request<FullManifest>('GET', `/elections/${ELECTION}/manifest`);
    expect(manifest.questions.map((x) => x.kind)).toEqual(['plurality', 'approval', 'ranked', 'write-in']);
    expect(manifest.mixServers).toEqual(mixKeys.map((k) => keyId(k.publicKey)));
    expect(manifest.trustees).toEqual({ threshold: 2, count: 3 });
  });

  it('runs the key ceremony with the trustees’ files uploaded through the pages, a cheating dealer disqualified', async () => {
    const board = await client.boardId();
    trustees = [1, 2, 3].map((j) => new InProcessTrustee(manifest, j, `Trustee ${j}`));
    const enrolled = await upload(trustees.flatMap((t) => [file(`registration-${t.index}.json`, t.registration(board)), file(`identity-${t.index}.json`, fileText(t.identity()))]));
    expect(enrolled).toContain('opened the negotiation');
    const negotiation = /--negotiation ([0-9a-f]{64})/.exec((await page.textContent('main')) as string)?.[1] as string;
    expect(negotiation).toMatch(/^[0-9a-f]{64}$/);
    const text = canonicalJson(manifest as unknown as Json);
    // An approval made with the wrong sequence number is refused with what to do instead.
    const stale = await upload([file('approval-stale.json', trustees[1].approve(board, negotiation, text, 5))]);
    expect(stale).toContain('--seq 1');
    const approved = await upload(trustees.map((t) => file(`approval-${t.index}.json`, t.approve(board, negotiation, text, t.index))));
    expect(approved).toContain('the key ceremony has started');

    const roster = await client.request<RosterFile>('GET', `/elections/${ELECTION}/roster`);
    const deals: DealFile[] = trustees.map((t) => t.deal(roster, t.index === 3 ? 1 : undefined));
    await upload(deals.map((d, i) => file(`deal-${i + 1}.json`, fileText(d))));
    const complaints: ComplaintsFile[] = trustees.map((t) => t.receive(roster, deals));
    await upload(complaints.map((c, i) => file(`complaints-${i + 1}.json`, fileText(c))));
    await upload(trustees.map((t) => file(`finalization-${t.index}.json`, fileText(t.finalize(roster, deals, complaints)))));
    const main = (await page.textContent('main')) as string;
    expect(main).toContain('Trustee 1 complained about dealer 3: upheld');
    expect(main).toMatch(/Qualified dealers\s*1, 2/);
    expect(await page.textContent('[data-live="trustee-3-dkg.finalization"]')).toBe('posted');
    await Promise.all([page.waitForURL(/\/ceremony$/), page.click('text=Declare the election key ready')]);
    expect(await flash(page)).toContain('the election key is ready');
    expect((await client.request<{ state: string }>('GET', `/elections/${ELECTION}`)).state).toBe('ready');
  });

  it('generates the voters’ codes as a CSV download and opens voting', async () => {
    await page.goto(url(`/admin/elections/${ELECTION}/credentials`));
    await page.fill('#count', '5');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('form.action button[type=submit]')]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('election,voter,code,booth');
    codes = csv.slice(1).map((line) => line.split(',')[2]);
    expect(codes).toHaveLength(5);
    expect(csv[1]).toContain(`${server.url}/vote/${ELECTION}`);
    await page.goto(url(`/admin/elections/${ELECTION}`));
    expect(await page.textContent('[data-live="credentials"]')).toBe('5');
    await Promise.all([page.waitForURL(url(`/admin/elections/${ELECTION}`)), page.click('text=Open voting')]);
    expect(await page.textContent('[data-live="state"]')).toBe('voting-open');
  });

  /** One voter in a fresh browser context: code, ballot, receipt (downloaded). */
  async function vote(code: string, v: Vote): Promise<Record<string, unknown>> {
    const context = await browser.newContext();
    const booth = watchPage(await context.newPage(), server.url, problems);
    await booth.goto(url(`/vote/${ELECTION}`));
    await booth.fill('#code', code.toLowerCase().replaceAll('-', ' '));
    await booth.press('#code', 'Enter');
    await booth.waitForSelector('#step-ballot:not([hidden])');
    await booth.check(v.plurality === 'blank' ? '#q-0-blank' : `#q-0-c-${v.plurality}`);
    for (const c of v.approval) await booth.check(`#q-1-c-${c}`);
    for (const [r, c] of v.ranking.entries()) await booth.selectOption(`#q-2-rank-${r + 1}`, String(c));
    await booth.fill('#q-3-text', v.writeIn);
    await booth.click('#cast');
    await booth.waitForSelector('#step-receipt:not([hidden])', { timeout: 30_000 });
    const [download] = await Promise.all([booth.waitForEvent('download'), booth.click('#receipt-download')]);
    const receipt = JSON.parse(readFileSync(await download.path(), 'utf8')) as Record<string, unknown>;
    expect(await booth.textContent('#receipt-tracker')).toBe(receipt.tracker);
    await context.close();
    return receipt;
  }

  it('lets voters vote in the booth, with clear messages for a mistyped code, an unknown code and a broken rule', async () => {
    const watcher = watchPage(await admin.newPage(), server.url, problems);
    await watcher.goto(url(`/admin/elections/${ELECTION}`));
    expect(await watcher.textContent('[data-live="ballots"]')).toBe('0');

    const context = await browser.newContext();
    const booth = watchPage(await context.newPage(), server.url, problems);
    await booth.goto(url(`/vote/${ELECTION}`));
    // Every control of the ballot has a label (screen readers), and each question is a fieldset with a legend.
    const unlabelled = await booth.$$eval('#ballot-form input, #ballot-form select', (els) => els.filter((e) => (e as HTMLInputElement).labels?.length === 0).length);
    expect(unlabelled).toBe(0);
    expect(await booth.locator('#ballot-form fieldset > legend').count()).toBe(4);
    const typo = codes[0].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await booth.fill('#code', typo);
    await booth.press('#code', 'Enter');
    expect(await booth.textContent('#booth-error')).toContain('typing mistake');
    expect(await booth.getAttribute('#code', 'aria-invalid')).toBe('true');
    await booth.fill('#code', generateCredentialCode());
    await booth.press('#code', 'Enter');
    await booth.waitForFunction(() => document.querySelector('#booth-error')?.textContent?.includes('not registered'));
    await booth.fill('#code', codes[0]);
    await booth.press('#code', 'Enter');
    await booth.waitForSelector('#step-ballot:not([hidden])');
    // Three approvals where at most two are allowed: refused before anything is encrypted.
    await booth.check('#q-0-c-0');
    for (const c of [0, 1, 2]) await booth.check(`#q-1-c-${c}`);
    await booth.selectOption('#q-2-rank-1', '1');
    await booth.click('#cast');
    await booth.waitForFunction(() => document.querySelector('#booth-error')?.textContent?.includes('question 2'));
    expect(await booth.textContent('#q-1-error')).toContain('At most 2 candidates may be approved');
    expect(await booth.isVisible('#step-receipt')).toBe(false);
    await context.close();

    const votes: [number, Vote][] = [
      [0, { plurality: 0, approval: [0, 3], ranking: [2, 0, 1], writeIn: 'Onward' }],
      [1, { plurality: 1, approval: [1], ranking: [1, 2], writeIn: 'Onward' }],
      [2, { plurality: 'blank', approval: [], ranking: [0], writeIn: 'Élan' }],
      [3, { plurality: 0, approval: [3, 2], ranking: [2, 1, 0], writeIn: '' }],
    ];
    for (const [i, v] of votes) {
      receipts[`voter-${i}`] = await vote(codes[i], v);
      counted.set(codes[i], v);
    }
    // Voter 3 changes their mind: the later ballot replaces the earlier one.
    const revote: Vote = { plurality: 2, approval: [0], ranking: [0, 1, 2], writeIn: 'Onward' };
    receipts['voter-3-again'] = await vote(codes[3], revote);
    counted.set(codes[3], revote);

    // The admin's overview follows the turnout without a reload.
    await watcher.waitForFunction(() => document.querySelector('[data-live="ballots"]')?.textContent === '5', undefined, { timeout: 10_000 });
    expect(await watcher.textContent('[data-live="turnout"]')).toContain('5 ballots cast with 5 registered credentials');
    const size = Number(await watcher.textContent('[data-live="head-size"]'));
    expect(size).toBe((await client.head()).size);
    await watcher.close();
  });

  it('closes voting: a ballot cast afterwards is refused with a clear message, and the booth says voting is closed', async () => {
    const context = await browser.newContext();
    const late = watchPage(await context.newPage(), server.url, problems);
    await late.goto(url(`/vote/${ELECTION}`));
    await late.fill('#code', codes[4]);
    await late.press('#code', 'Enter');
    await late.waitForSelector('#step-ballot:not([hidden])');
    await late.check('#q-0-c-1');
    await late.selectOption('#q-2-rank-1', '0');

    await page.goto(url(`/admin/elections/${ELECTION}`));
    await Promise.all([page.waitForURL(url(`/admin/elections/${ELECTION}`)), page.click('text=Close voting')]);
    expect(await page.textContent('[data-live="state"]')).toBe('voting-closed');

    await late.click('#cast');
    await late.waitForFunction(() => /not open/.test(document.querySelector('#booth-error')?.textContent ?? ''));
    expect(await late.textContent('#booth-error')).toContain('NOT cast');
    await late.goto(url(`/vote/${ELECTION}`));
    expect(await late.textContent('main')).toContain('Voting is closed');
    expect(await late.locator('#code').count()).toBe(0);
    await context.close();
  });

  it('mixes (the mix servers post by themselves) and shows each round’s progress live', async () => {
    await Promise.all([page.waitForURL(url(`/admin/elections/${ELECTION}`)), page.click('text=Start mixing')]);
    expect(await flash(page)).toContain('4 ballots in the ballot box');
    expect(await page.textContent('[data-live="mix-1"]')).toContain('its turn');
    const status = await client.request<{ consensus_id: string; joint_key: string }>('GET', `/elections/${ELECTION}`);
    for (const [k, key] of mixKeys.entries()) await mixInProcess(client, key, manifest, status.joint_key, status.consensus_id, k + 1);
    await page.waitForFunction(() => document.querySelector('[data-live="mix-2"]')?.textContent?.startsWith('done: 4 ciphertexts'), undefined, { timeout: 10_000 });
    expect(await page.textContent('[data-live="mix-1"]')).toContain('done: 4 ciphertexts');
  });

  it('decrypts with the trustees’ partial decryptions uploaded, and shows exactly the counts cast', async () => {
    await page.reload();
    // The mix rounds' proofs are checked in the background; the election moves on when they verify.
    await Promise.all([page.waitForURL(url(`/admin/elections/${ELECTION}`)), page.click('text=Start decryption')]);
    expect(await flash(page)).toContain('checking the proofs of the 2 mix rounds');
    await page.waitForFunction(() => document.querySelector('[data-live="state"]')?.textContent === 'decrypting', undefined, { timeout: 20_000 });
    expect(await page.textContent('[data-live="decryption"]')).toMatch(/^0 of 3 partial decryptions posted/);
    const list = await client.request<CiphertextListFile>('GET', `/elections/${ELECTION}/final-list`);
    // Trustee 1's partial decryption is wrong (a cheating trustee): with trustee 2's alone, fewer than t are valid.
    await upload([file('partial-1.json', fileText(trustees[0].decrypt(list, true))), file('partial-2.json', fileText(trustees[1].decrypt(list)))]);
    expect(await page.textContent('[data-live="trustee-2-decryption.partial"]')).toBe('posted');
    expect(await page.textContent('main')).toContain(list.hash); // what the trustees pass to --expect-hash
    // The tally runs in the background; the election page shows how it goes, then its outcome.
    const tally = async () => {
      await page.goto(url(`/admin/elections/${ELECTION}`));
      await Promise.all([page.waitForURL(url(`/admin/elections/${ELECTION}`)), page.click('text=Combine and publish the result')]);
      expect(await flash(page)).toContain('the tally has started');
      await page.waitForFunction(() => /^(failed|published)/.test(document.querySelector('[data-live="tally"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
      return (await page.textContent('[data-live="tally"]')) as string;
    };
    expect(await tally()).toMatch(/^failed: the result cannot be computed yet/);
    await upload([file('partial-3.json', fileText(trustees[2].decrypt(list)))]);
    const outcome = await tally();
    expect(outcome).toMatch(/^published: 4 valid and 0 invalid ballots, decrypted with trustees 2, 3/);
    expect(outcome).toContain("trustee 1's partial decryption was rejected");
    expect(await page.isVisible('#state-changed')).toBe(true);
    await page.goto(url(`/admin/elections/${ELECTION}/results`));
    expect(await page.textContent('main')).toMatch(/Decrypted by trustees\s*2, 3/);

    const expected = tallyBallots(manifest.questions, [...counted.values()].map((v) => encodeBallot(manifest.questions, toAnswers(v))));
    expect(await page.textContent('[data-result="valid"]')).toBe('4');
    expect(await page.textContent('[data-result="invalid"]')).toBe('0');
    const count = async (question: string, choice: string) => Number(((await page.textContent(`#q-${question} ~ table tr[data-choice="${choice}"] td.count`)) as string).split(' ')[0]);
    const [plurality, approval, ranked, writeIn] = expected.questions;
    if (plurality.kind !== 'plurality' || approval.kind !== 'approval' || ranked.kind !== 'ranked' || writeIn.kind !== 'write-in') throw new Error('kinds');
    for (const [i, n] of plurality.counts.entries()) expect(await count('mayor', String(i))).toBe(n);
    expect(await count('mayor', 'blank')).toBe(plurality.blank);
    for (const [i, n] of approval.counts.entries()) expect(await count('council', String(i))).toBe(n);
    // Instant-runoff: every round's count of every candidate.
    for (const [r, round] of ranked.rounds.entries())
      for (const [c, n] of round.counts.entries()) {
        const cell = page.locator(`#q-budget ~ table tr[data-choice="${c}"] td`).nth(r);
        expect(n === null ? await cell.textContent() : Number(await cell.locator('.count').textContent())).toBe(n === null ? 'eliminated' : n);
      }
    for (const [i, a] of writeIn.answers.entries()) {
      expect(await page.textContent(`#q-motto ~ table tr[data-choice="answer-${i}"] th`)).toBe(a.text);
      expect(await count('motto', `answer-${i}`)).toBe(a.count);
    }
    expect(await count('motto', 'blank')).toBe(writeIn.blank);
    // The transcript download link works.
    const tar = await page.request.get(url(`/elections/${ELECTION}/transcript`));
    expect(tar.status()).toBe(200);
    expect(tar.headers()['content-type']).toBe('application/x-tar');
  });

  it('checks receipts in the browser: counted, replaced by a re-vote, and a forged one refused', async () => {
    const context = await browser.newContext();
    const check = watchPage(await context.newPage(), server.url, problems);
    const verdict = async (receipt: unknown) => {
      await check.goto(url('/receipt'));
      await check.fill('#receipt-text', JSON.stringify(receipt));
      await check.click('#receipt-form button[type=submit]');
      await check.waitForSelector('#receipt-result:not([hidden])', { timeout: 20_000 });
      return { ok: await check.getAttribute('#receipt-verdict', 'data-ok'), counted: await check.getAttribute('#receipt-verdict', 'data-counted'), text: await check.textContent('#receipt-result') };
    };
    expect(await verdict(receipts['voter-0'])).toMatchObject({ ok: 'true', counted: 'counted' });
    expect(await verdict(receipts['voter-3'])).toMatchObject({ ok: 'true', counted: 'replaced' });
    expect(await verdict(receipts['voter-3-again'])).toMatchObject({ ok: 'true', counted: 'counted' });
    const forged = await verdict({ ...(receipts['voter-1'] as object), tracker: '00'.repeat(32) });
    expect(forged.ok).toBe('false');
    expect(forged.text).toContain('FAILED: ballot');
    // The same check from an uploaded file.
    await check.goto(url('/receipt'));
    await check.setInputFiles('#receipt-file', file('receipt.json', receipts['voter-2']));
    await check.waitForFunction(() => (document.querySelector('#receipt-text') as HTMLTextAreaElement).value.includes('ostraka.receipt'));
    await check.click('#receipt-form button[type=submit]');
    await check.waitForSelector('#receipt-result:not([hidden])');
    expect(await check.getAttribute('#receipt-verdict', 'data-counted')).toBe('counted');
    await context.close();
  });

  it('refuses every admin page to an anonymous browser and a forged CSRF token, and rate-limits a burst of wrong passwords', async () => {
    const anonymous = await browser.newContext();
    const anon = watchPage(await anonymous.newPage(), server.url, problems);
    for (const path of ['/admin', '/admin/peers', '/admin/elections/new', `/admin/elections/${ELECTION}`, `/admin/elections/${ELECTION}/ceremony`, `/admin/elections/${ELECTION}/credentials`, `/admin/elections/${ELECTION}/results`, `/admin/elections/${ELECTION}/status.json`]) {
      await anon.goto(url(path));
      expect(anon.url(), path).toBe(url('/admin/login'));
    }
    for (const path of ['/admin/peers', '/admin/elections', `/admin/elections/${ELECTION}/open`, `/admin/elections/${ELECTION}/tally`, `/admin/elections/${ELECTION}/credentials`, '/admin/logout'])
      expect((await anon.request.post(url(path), { form: { _csrf: 'x' } })).status(), path).toBe(401);

    // A signed-in administrator's form with a forged token is refused and changes nothing.
    await page.goto(url(`/admin/elections/${ELECTION}/credentials`));
    await page.goto(url(`/admin/peers`));
    await page.evaluate(() => {
      (document.querySelector('form.upload input[name="_csrf"]') as HTMLInputElement).value = 'f'.repeat(64);
    });
    await page.setInputFiles('#peer-files', file('mix-extra.json', { nothing: true }));
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.upload button[type=submit]')]);
    expect(response.status()).toBe(403);
    expect(await page.textContent('main')).toContain('CSRF');

    for (let i = 0; i < 5; i++) {
      await anon.goto(url('/admin/login'));
      await anon.fill('#username', 'mallory');
      await anon.fill('#password', `guess ${i}`);
      await Promise.all([anon.waitForLoadState(), anon.press('#password', 'Enter')]);
      expect(await anon.textContent('.notice')).toContain('Wrong username or password');
    }
    await anon.goto(url('/admin/login'));
    await anon.fill('#username', 'mallory');
    await anon.fill('#password', 'one more guess');
    const [limited] = await Promise.all([anon.waitForResponse((r) => r.request().method() === 'POST'), anon.press('#password', 'Enter')]);
    expect(limited.status()).toBe(429);
    expect(await anon.textContent('.notice')).toContain('Too many sign-in attempts');
    await anonymous.close();
    expect(problems).toEqual([]);
  });
});

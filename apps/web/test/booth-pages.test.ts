/**
 * The booth's pages as served (HTTP, no browser): an unknown election, an election not open yet,
 * the ballot of an open one (every control labelled, every question a fieldset with its rule),
 * the credential check, and the admin's watch-only view of an election another authority runs.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@ostraka/board';
import { credentialKey, generateCredentialCode } from '@ostraka/client';
import { loadKey } from '@ostraka/web';
import { ElectionFixture } from '@ostraka/election/testing';
import { chunkHex } from '@ostraka/election';
import { fromHex, toHex } from '@ostraka/crypto';
import { mixDocumentName, type CiphertextListFile } from '@ostraka/protocol';
import { shuffleAndProve } from '@ostraka/shuffle';
import { keyId } from '@ostraka/protocol/log';
import { cookieString, signIn, webBoard, type WebBoard } from './support/web-board.js';

describe('the booth pages', () => {
  let w: WebBoard;
  let server: RunningServer;
  let fx: ElectionFixture;
  const get = async (path: string) => {
    const res = await fetch(server.url + path);
    return { status: res.status, text: await res.text(), csp: res.headers.get('content-security-policy') };
  };

  beforeAll(async () => {
    w = await webBoard();
    server = await startServer(w.board, '127.0.0.1', 0);
    // An election run by its own authority key (not this admin's), through the library.
    fx = new ElectionFixture({ boardUrl: server.url, boardAuthority: loadKey(w.db, 'board-authority')!, election: 'open-one', trustees: { threshold: 1, count: 1 } });
    await fx.prepare(2);
    for (const code of fx.credentials.keys())
      await fx.vote(code, [
        { kind: 'plurality', candidate: 0 },
        { kind: 'approval', candidates: [1] },
        { kind: 'ranked', ranking: [2] },
        { kind: 'write-in', text: 'yes' },
      ]);
  });
  afterAll(async () => {
    await server?.close();
    w?.db.close();
    if (w) rmSync(w.dir, { recursive: true, force: true });
  });

  it('says clearly that an election does not exist, or is not open', async () => {
    const missing = await get('/vote/no-such-election');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('There is no election &quot;no-such-election&quot; on this board');
    expect((await get('/vote/NOT%20AN%20ID')).status).toBe(404);
  });

  it('renders the ballot of an open election with a label for every control and a fieldset and rule per question', async () => {
    const page = await get('/vote/open-one');
    expect(page.status).toBe(200);
    expect(page.csp).toContain("script-src 'self'");
    expect(page.text).toContain('<script type="module" src="/assets/booth.js"></script>');
    const ids = [...page.text.matchAll(/<(?:input|select)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(page.text, id).toContain(`for="${id}"`);
    expect(page.text.match(/<fieldset class="question"/g)).toHaveLength(fx.manifest.questions.length);
    expect(page.text).toContain('Choose one candidate, or vote blank.');
    expect(page.text).toContain('Choose up to 2 candidates.');
    expect(page.text).toContain('Rank from 1 to 3 candidates');
    expect(page.text).toContain('at most 53 bytes');
    expect(page.text).toContain('role="alert"');
    // Without the script nothing can be submitted (a code must never end up in a URL).
    expect(page.text).toContain('<section id="step-code" aria-labelledby="code-heading" hidden>');
  });

  it('tells whether a credential is registered, without telling whose', async () => {
    const code = [...fx.credentials.keys()][0];
    const registered = keyId(credentialKey('open-one', code).publicKey);
    expect(JSON.parse((await get(`/vote/open-one/credentials/${registered}`)).text)).toEqual({ registered: true });
    const stranger = keyId(credentialKey('open-one', generateCredentialCode()).publicKey);
    expect(JSON.parse((await get(`/vote/open-one/credentials/${stranger}`)).text)).toEqual({ registered: false });
    // The election authority is an author, but not a voter.
    expect(JSON.parse((await get(`/vote/open-one/credentials/${fx.authority.peerId}`)).text)).toEqual({ registered: false });
    expect((await get('/vote/open-one/credentials/xyz')).status).toBe(400);
  });

  it('shows the booth as closed once voting closes, with no script', async () => {
    await fx.authority.closeVoting();
    const page = await get('/vote/open-one');
    expect(page.text).toContain('Voting is closed. Ballots can no longer be cast.');
    expect(page.text).not.toContain('booth.js');
    expect(page.text).not.toContain('id="code"');
  });

  it('lets the admin watch an election it does not run, without its actions', async () => {
    const { jar } = await signIn(w);
    const list = await w.request('/admin', { headers: { cookie: cookieString(jar) } });
    expect(await list.text()).toMatch(/open-one<\/a><\/td><td>Election open-one<\/td><td><span class="state state-voting-closed">voting-closed<\/span><\/td><td>another authority/);
    const overview = await (await w.request('/admin/elections/open-one', { headers: { cookie: cookieString(jar) } })).text();
    expect(overview).toContain('this admin only watches it');
    expect(overview).not.toContain('Start mixing');
    const status = (await (await w.request('/admin/elections/open-one/status.json', { headers: { cookie: cookieString(jar) } })).json()) as { state: string; values: Record<string, string> };
    expect(status.state).toBe('voting-closed');
    expect(status.values.credentials).toBe('2');
    expect(status.values['head-size']).toBe(String(w.board.head().size));
  });

  it('shows a mix server posting its round, chunk by chunk', async () => {
    const { jar } = await signIn(w);
    const live = async () => ((await (await w.request('/admin/elections/open-one/status.json', { headers: { cookie: cookieString(jar) } })).json()) as { values: Record<string, string> }).values;
    await fx.authority.startMixing();
    expect((await live())['mix-1']).toBe('its turn: shuffling');
    // The mix server's round as `ostraka mix run` posts it, stopped after the first chunk of its output.
    const [key] = fx.mixKeys;
    const input = await fx.client.request<CiphertextListFile>('GET', '/elections/open-one/rounds/1/input');
    const { outputs } = shuffleAndProve({ group: fx.manifest.group, publicKey: fromHex(fx.jointKey), width: input.width, election: 'open-one', round: 1 }, fromHex(input.ciphertexts));
    const pieces = chunkHex(toHex(outputs), outputs.length); // two chunks of the hex
    await fx.client.openCycle(key, 1);
    await fx.client.updateCycle(key, 1, 'close');
    await fx.client.postToOutbox(
      key,
      1,
      'trustees',
      { election: 'open-one', consensus_id: await fx.authority.consensusId(), round: 1, part: 'output', input_hash: input.hash, bytes: pieces[0] },
      { chunk: { doc: mixDocumentName(1, 'output'), index: 0, count: pieces.length } },
    );
    expect(pieces).toHaveLength(2);
    expect((await live())['mix-1']).toMatch(/^posting its round: output 1 of 2 chunks/);
  });
});

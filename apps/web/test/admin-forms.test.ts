/**
 * The admin's forms over HTTP (in process): registration files in both formats, the "new
 * election" form for every question kind (what reaches the board is exactly the manifest the form
 * describes) and its refusals (each error named, nothing posted), and uploads that are not what
 * they claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, toHex, type SigningKey } from '@ostraka/crypto';
import { peerRegistration, type FullManifest } from '@ostraka/protocol';
import { KEY_TYPE_ED25519, keyId, signKeyPossession } from '@ostraka/protocol/log';
import { cookieString, signIn, webBoard, type WebBoard } from './support/web-board.js';

describe('the admin forms', () => {
  let w: WebBoard;
  let session: { jar: Map<string, string>; csrf: string };
  const mixKey: SigningKey = generateSigningKey();

  const post = async (path: string, fields: Record<string, string | string[]>, files: { name: string; text: string }[] = []) => {
    const body = new FormData();
    body.set('_csrf', session.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    for (const f of files) body.append('files', new File([f.text], f.name, { type: 'application/json' }));
    return w.request(path, { method: 'POST', headers: { cookie: cookieString(session.jar) }, body });
  };
  /** Follows a post/redirect/get answer; returns the page's text. */
  const follow = async (res: Response) => {
    expect(res.status).toBe(303);
    return (await w.request(res.headers.get('location')!, { headers: { cookie: cookieString(session.jar) } })).text();
  };
  /** A multipart upload of one file with its declared length (as browsers send it). */
  const upload = async (board: WebBoard, path: string, text: string, csrf = session.csrf, jar = session.jar) => {
    const form = new FormData();
    form.set('_csrf', csrf);
    form.append('files', new File([text], 'big.json', { type: 'application/json' }));
    const encoded = new Request('http://board.test/', { method: 'POST', body: form });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const headers = { cookie: cookieString(jar), 'content-type': encoded.headers.get('content-type')!, 'content-length': String(bytes.length) };
    return board.request(path, { method: 'POST', headers, body: bytes });
  };

  beforeAll(async () => {
    w = await webBoard();
    session = await signIn(w);
  });
  afterAll(async () => w?.close());

  it('registers peers from both registration formats, once, and names files it does not recognise', async () => {
    const board = w.board.identity.id;
    const id = keyId(mixKey.publicKey);
    const mixRequest = { key_data: toHex(mixKey.publicKey), key_id: id, key_type: KEY_TYPE_ED25519, key_proof: signKeyPossession(mixKey, board, id), name: 'Mix A', peer_type: 'MIXNET' };
    const trusteeKey = generateSigningKey();
    let page = await follow(await post('/admin/peers', {}, [{ name: 'mix.json', text: JSON.stringify(mixRequest) }, { name: 'reg.json', text: JSON.stringify(peerRegistration(trusteeKey, board, 'T', 'TRUSTEE')) }]));
    expect(page).toContain('registered peer &quot;Mix A&quot; (MIXNET');
    expect(page).toContain('registered peer &quot;T&quot; (TRUSTEE');
    expect((await w.board.reader.peer(id))?.peerType).toBe('MIXNET');
    page = await follow(await post('/admin/peers', {}, [{ name: 'mix.json', text: JSON.stringify(mixRequest) }]));
    expect(page).toContain('is already registered');

    const other = generateSigningKey();
    const otherId = keyId(other.publicKey);
    const wrongBoard = { ...mixRequest, key_data: toHex(other.publicKey), key_id: otherId, key_proof: signKeyPossession(other, 'f'.repeat(32), otherId) };
    page = await follow(await post('/admin/peers', {}, [{ name: 'wrong.json', text: JSON.stringify(wrongBoard) }]));
    expect(page).toContain('the board refused it');
    expect(await w.board.reader.peer(otherId)).toBeNull();
    page = await follow(await post('/admin/peers', {}, [{ name: 'notes.txt', text: 'hello' }]));
    expect(page).toContain('is not a JSON file');
    page = await follow(await post('/admin/peers', {}, [{ name: 'x.json', text: '{"payload": {"type": "dkg.deal"}}' }]));
    expect(page).toContain('is not a registration request');
  });

  const fields = (over: Record<string, string | string[]> = {}) => ({
    id: 'form-test',
    title: 'Form test',
    description: 'All the kinds',
    group: 'ristretto255',
    opens: '2026-12-01T08:00',
    closes: '2026-12-01T20:00',
    count: '3',
    threshold: '2',
    mix: [keyId(mixKey.publicKey)],
    'q-0-kind': 'plurality',
    'q-0-id': 'mayor',
    'q-0-title': 'Mayor',
    'q-0-candidates': 'Ada\r\n Bo \r\n\r\nCy',
    'q-0-allow-blank': 'yes',
    'q-1-kind': 'approval',
    'q-1-id': 'council',
    'q-1-title': 'Council',
    'q-1-candidates': 'D\nE\nF',
    'q-1-max': '2',
    'q-2-kind': 'ranked',
    'q-2-id': 'budget',
    'q-2-title': 'Budget',
    'q-2-candidates': 'P\nR\nS',
    'q-2-min': '2',
    'q-3-kind': 'write-in',
    'q-3-id': 'motto',
    'q-3-title': 'Motto',
    'q-3-max-length': '53',
    ...over,
  });

  it('refuses a form with mistakes, naming each, and posts nothing', async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ threshold: '4' }, 'threshold'],
      [{ id: 'Bad Id' }, 'id'],
      [{ closes: '2026-12-01T07:00' }, 'voting must close after it opens'],
      [{ 'q-1-max': '9' }, 'question 2 (maximum)'],
      [{ 'q-2-id': 'mayor' }, 'question ids must be distinct'],
      [{ 'q-0-candidates': 'Only one' }, 'question 1 (candidates)'],
      [{ 'q-3-max-length': '5000' }, 'question 4 (maximum length)'],
      [{ 'q-3-kind': 'other' }, 'question 4: choose a kind'],
      [{ mix: [] }, 'mix servers'],
      [{ mix: ['0'.repeat(32)] }, 'is not a registered peer'],
    ];
    for (const [over, message] of cases) {
      const res = await post('/admin/elections', fields(over));
      const page = await res.text();
      expect(res.status, message).toBe(400);
      expect(page, message).toContain(message);
      expect(page).toContain('value="Form test"'); // the form comes back filled in
    }
    expect((await w.board.reader.countEntries({ type: 'election.draft' }))).toBe(0);
  });

  it('posts exactly the manifest the form describes, with every question kind and the defaults', async () => {
    const res = await post('/admin/elections', fields());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/elections/form-test/ceremony');
    const manifest = (await (await w.request('/elections/form-test/manifest')).json()) as FullManifest;
    expect(manifest).toEqual({
      id: 'form-test',
      title: 'Form test',
      description: 'All the kinds',
      group: 'ristretto255',
      board: w.board.identity.id,
      authority: manifest.authority,
      trustees: { threshold: 2, count: 3 },
      mixServers: [keyId(mixKey.publicKey)],
      questions: [
        { kind: 'plurality', id: 'mayor', title: 'Mayor', candidates: ['Ada', 'Bo', 'Cy'], allowBlank: true },
        { kind: 'approval', id: 'council', title: 'Council', candidates: ['D', 'E', 'F'], minChoices: 0, maxChoices: 2 },
        { kind: 'ranked', id: 'budget', title: 'Budget', candidates: ['P', 'R', 'S'], minRanks: 2, maxRanks: 3 },
        { kind: 'write-in', id: 'motto', title: 'Motto', maxLength: 53 },
      ],
      voting: { opens: '2026-12-01T08:00:00.000Z', closes: '2026-12-01T20:00:00.000Z' },
    });
    // The election authority is the admin's own peer, registered on the way.
    expect((await w.board.reader.peer(manifest.authority))?.peerType).toBe('AUTHORITY');
    // The same id again is refused by the board, and said so.
    const again = await post('/admin/elections', fields());
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('the board refused the draft');
  });

  it('relays only files of this election, and says what a trustee must do about a stale approval', async () => {
    const upload = async (name: string, content: unknown) => follow(await post('/admin/elections/form-test/files', {}, [{ name, text: JSON.stringify(content) }]));
    let page = await upload('identity-1.json', { payload: { type: 'trustee.identity', election: 'other-election', trustee: 1 }, signature: '00' });
    expect(page).toContain('is a file of election &quot;other-election&quot;');
    page = await upload('identity-9.json', { payload: { type: 'trustee.identity', election: 'form-test', trustee: 9 }, signature: '00' });
    expect(page).toContain('names trustee 9, but the election has 3');
    page = await upload('identity-1.json', { payload: { type: 'trustee.identity', election: 'form-test', trustee: 1 }, signature: '00' });
    expect(page).toContain('the board refused it');
    page = await upload('approval-1.json', { payload: { operation: 'action', action: 'contribute', resource: 'negotiation', negotiation_id: 'a'.repeat(64), text: '{}', signature: '00', seq: 1 }, signer: 'b'.repeat(32), signature: '00' });
    expect(page).toContain('no negotiation is open on this election yet');
    expect(await w.board.reader.countEntries({ type: 'election.document', election: 'form-test' })).toBe(0);
  });

  it('takes files above the board’s body cap on the file forms only, up to the admin’s own cap', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(1_200_000) }); // above the board's 1 MiB
    expect(await follow(await upload(w, '/admin/peers', big))).toContain('is not a registration request');
    const login = await w.request('/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) }, body: big });
    expect(login.status).toBe(413);
    const anonymous = await w.request('/admin/peers', { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(big.length) }, body: big });
    expect(anonymous.status).toBe(401);

    const capped = await webBoard({ maxUploadBytes: 1_100_000 });
    try {
      const s = await signIn(capped);
      const res = await upload(capped, '/admin/peers', big, s.csrf, s.jar);
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('limited to 1100000 bytes');
    } finally {
      await capped.close();
    }
  });

  it('refuses the steps of another state with the reason', async () => {
    for (const [path, reason] of [
      ['open', 'voting opens when the key is ready'],
      ['close', 'voting is not open'],
      ['mixing', 'mixing starts after voting closes'],
      ['decrypting', 'decryption starts when every mix round is complete'],
      ['tally', 'the tally follows decryption'],
      ['ready', 'not in its key ceremony'],
    ]) {
      const page = await follow(await post(`/admin/elections/form-test/${path}`, {}));
      expect(page, path).toContain(reason);
    }
    const res = await post('/admin/elections/form-test/credentials', { count: '3' });
    expect(await follow(res)).toContain('credentials are registered before voting opens (the election is draft)');
  });
});

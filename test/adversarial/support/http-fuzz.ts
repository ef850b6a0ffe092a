/**
 * HTTP fuzzing of every route of a real `ostraka board serve` process (seed API, log, elections,
 * and the web pages it serves), shared by the CI suite (few runs) and the slow suite (many).
 *
 * Inputs: random JSON; payloads that are near-valid and validly signed by the right key (so that
 * they get past the signature check into the deepest rules: ballots, state transitions, relayed
 * documents, credentials); huge, deeply nested, truncated and chunked bodies; wrong content types;
 * invalid UTF-8; random paths and query strings. The promises checked: no 5xx ever (every refusal is
 * a 4xx with an error code), the server keeps serving, and the log changes only by the writes it
 * acknowledged with a 201 (its root recomputed independently from the entries).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBallot } from '@ostraka/client';
import { generateSigningKey, toHex, type SigningKey } from '@ostraka/crypto';
import type { Json } from '@ostraka/protocol';
import { keyId, signEnvelope, type JsonObject } from '@ostraka/protocol/log';
import type { ElectionFixture } from '@ostraka/election/testing';
import { entryLeaf, hex, mth } from '../../../apps/board/test/support/independent-tree.js';
import { answers } from './ballots.js';
import { ballotCycleOf, ballotPayload, type BallotCycle } from './cast-raw.js';
import { post, rawRequest } from './raw-http.js';
import { servedBoard, votedElection, type ServedBoard } from './served-election.js';
import { auditElection } from './verifier.js';

export interface FuzzRuns {
  /** Random JSON bodies per POST route draw. */
  readonly json: number;
  /** Signed near-valid payloads. */
  readonly signed: number;
  /** Malformed bodies at the byte level. */
  readonly bytes: number;
  /** Random reads. */
  readonly reads: number;
}

/** Mutations of a JSON object: a field replaced, dropped, added, or a hex string damaged. */
function mutated(base: JsonObject): fc.Arbitrary<JsonObject> {
  const keys = Object.keys(base);
  const hexKeys = keys.filter((k) => typeof base[k] === 'string' && /^[0-9a-f]+$/.test(base[k] as string));
  const ops: fc.Arbitrary<JsonObject>[] = [
    fc.tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...base, [k]: v as Json })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k)) as JsonObject),
    fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({ ...base, [k]: v as Json })),
  ];
  if (hexKeys.length > 0)
    ops.push(
      fc.tuple(fc.constantFrom(...hexKeys), fc.nat(), fc.constantFrom('0', '1', '7', '8', 'f', 'F', 'g', '')).map(([k, at, ch]) => {
        const s = base[k] as string;
        const i = at % s.length;
        return { ...base, [k]: s.slice(0, i) + ch + s.slice(i + 1) };
      }),
      fc.tuple(fc.constantFrom(...hexKeys), fc.uint8Array({ minLength: 0, maxLength: 200 })).map(([k, bytes]) => ({ ...base, [k]: toHex(bytes) })),
      fc.tuple(fc.constantFrom(...hexKeys), fc.nat()).map(([k, cut]) => ({ ...base, [k]: (base[k] as string).slice(0, cut % (base[k] as string).length) })),
    );
  return fc.oneof(...ops);
}

/** The signed envelope; a payload with floats has no canonical form and cannot be signed, so it goes with a zero signature. */
function signedOrNot(key: SigningKey, board: string, type: string, payload: JsonObject): unknown {
  try {
    return signEnvelope(key, board, type, payload);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { payload, signer: keyId(key.publicKey), signature: '00'.repeat(64) };
  }
}

export function httpFuzzSuite(runs: FuzzRuns): void {
  let board: ServedBoard;
  let fx: ElectionFixture;
  let box: BallotCycle;
  let voters: SigningKey[];
  let startSize = 0;
  let accepted = 0;
  const statuses = new Map<number, number>();
  const note = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  beforeAll(async () => {
    board = await servedBoard();
    ({ fx } = await votedElection(board, { id: 'fuzz', voters: 4 }));
    box = await ballotCycleOf(fx);
    voters = [...fx.credentials.values()];
    startSize = (await board.client.head()).size;
  });
  afterAll(async () => board?.close());

  const postRoutes = () => [
    '/peers',
    `/peers/${box.authority}/cycles`,
    `/peers/${box.authority}/cycles/${box.cycle}`,
    `/peers/${box.authority}/cycles/${box.cycle}/inbox`,
    `/peers/${keyId(fx.mixKeys[0].publicKey)}/cycles/1/outbox`,
    '/negotiations',
    `/negotiations/${'ab'.repeat(32)}`,
    '/log/entries/election.draft',
    '/log/entries/election.state',
    '/log/entries/election.credentials',
    '/log/entries/election.document',
    '/log/entries/no.such-type',
  ];
  const sendJson = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(board.url + path, { method: 'POST', headers, body }).then(async (r) => {
      const text = await r.text();
      note(r.status);
      return { status: r.status, text };
    });
  const expect4xx = (r: { status: number; text: string }, what: string) => {
    expect([what, r.status >= 400 && r.status < 500]).toEqual([what, true]);
    expect(JSON.parse(r.text).error.code).toMatch(/^[A-Z_]+$/);
  };

  describe('random JSON on every write route', () => {
    it('is refused with a 4xx and an error code', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...postRoutes()), fc.jsonValue({ maxDepth: 5 }), async (path, body) => {
          expect4xx(await sendJson(path, JSON.stringify(body)), `${path} ${JSON.stringify(body).slice(0, 80)}`);
        }),
        { numRuns: runs.json },
      );
      // Envelopes of the right shape with random payloads, signed by a key the board does not know.
      const stranger = generateSigningKey();
      const boardId = await fx.client.boardId();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...postRoutes()), fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 })), async (path, payload) => {
          const env = signedOrNot(stranger, boardId, 'message.inbox', payload as JsonObject);
          expect4xx(await sendJson(path, JSON.stringify(env)), path);
        }),
        { numRuns: runs.json },
      );
    });
  });

  describe('near-valid payloads signed by the right key', () => {
    /** Posts a signed payload; a 201 is a write the log must now hold. */
    const signedPost = async (key: SigningKey, type: string, path: string, payload: JsonObject) => {
      const r = await sendJson(path, JSON.stringify(signedOrNot(key, box.board, type, payload)));
      if (r.status === 201) {
        accepted++;
        if (process.env.OSTRAKA_FUZZ_REPORT) process.stderr.write(`accepted ${type}: ${JSON.stringify(payload).slice(0, 300)}\n`);
      } else expect4xx(r, `${type} ${JSON.stringify(payload).slice(0, 160)}`);
    };

    it('ballots: every mutation of a valid ballot is refused (or, if it is still a valid ballot, accepted)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(voters.length - 1), fc.nat(99), fc.boolean(), async (v, seed, wholeData) => {
          const voter = voters[v];
          const ballot = createBallot(fx.manifest, fx.jointKey, answers(seed), voter) as unknown as JsonObject;
          const payload = ballotPayload(box, voter, ballot);
          const change = fc.sample(mutated(wholeData ? payload : ballot), { numRuns: 1, seed: seed * 7919 + v })[0];
          const final = wholeData ? change : ballotPayload(box, voter, change);
          await signedPost(voter, 'message.inbox', `/peers/${box.authority}/cycles/${box.cycle}/inbox`, final);
        }),
        { numRuns: runs.signed },
      );
    });

    it('election entries signed by the election authority: state transitions, documents, credentials, drafts', async () => {
      const consensus = await fx.authority.consensusId();
      const bases: [string, JsonObject][] = [
        ['election.state', { election: fx.id, consensus_id: consensus, state: 'voting-closed' }],
        ['election.state', { election: fx.id, consensus_id: consensus, state: 'mixing', ballots: 4, input_hash: '00'.repeat(32) }],
        ['election.document', { election: fx.id, consensus_id: consensus, kind: 'decryption.partial', trustee: 1, index: 0, count: 1, data: '{}' }],
        ['election.document', { election: fx.id, consensus_id: consensus, kind: 'dkg.deal', trustee: 2, index: 0, count: 2, data: '{"payload":' }],
        ['election.credentials', { election: fx.id, consensus_id: consensus, credentials: [toHex(generateSigningKey().publicKey)] }],
        ['election.draft', { election: 'fuzz-draft', manifest: { ...fx.manifest, id: 'fuzz-draft' } as unknown as Json }],
      ];
      await fc.assert(
        fc.asyncProperty(fc.nat(bases.length - 1).chain((i) => fc.tuple(fc.constant(bases[i][0]), mutated(bases[i][1]))), async ([type, payload]) => {
          await signedPost(fx.authorityKey, type, `/log/entries/${type}`, payload);
        }),
        { numRuns: runs.signed },
      );
    });
  });

  describe('malformed bodies at the byte level', () => {
    const inbox = () => `/peers/${box.authority}/cycles/${box.cycle}/inbox`;
    const valid = () => Buffer.from(JSON.stringify(signEnvelope(voters[0], box.board, 'message.inbox', ballotPayload(box, voters[0], createBallot(fx.manifest, fx.jointKey, answers(1), voters[0]) as unknown as Json))));
    const send = async (bytes: Uint8Array, options?: { endAfterWrite?: boolean }) => {
      const r = await rawRequest(board.url, bytes, options);
      if (r.status !== null) note(r.status);
      return r;
    };

    it('huge, deeply nested, chunked and truncated bodies, wrong content types, invalid UTF-8', async () => {
      const json = { 'content-type': 'application/json' };
      const cases: [string, Uint8Array, number | 'no answer' | '4xx', { endAfterWrite?: boolean }?][] = [
        ['declared 1 MiB + 1', post(inbox(), new Uint8Array(0), { ...json, 'content-length': String(1024 * 1024 + 1) }), 413],
        ['chunked, 2 MiB', post(inbox(), new Uint8Array([...Buffer.from('200000\r\n'), ...Buffer.alloc(0x200000, 0x20), ...Buffer.from('\r\n0\r\n\r\n')]), { ...json, 'transfer-encoding': 'chunked' }), 413],
        ['nested 200,000 deep', post(inbox(), Buffer.from('['.repeat(200_000) + ']'.repeat(200_000)), { ...json, 'content-length': '400000' }), 400],
        ['text/plain', post(inbox(), valid(), { 'content-type': 'text/plain', 'content-length': String(valid().length) }), 415],
        ['form-urlencoded', post(inbox(), Buffer.from('a=1'), { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' }), 415],
        ['multipart', post(inbox(), Buffer.from('--x--'), { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '5' }), 415],
        ['invalid UTF-8 byte ff', post(inbox(), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), { ...json, 'content-length': '7' }), 400],
        ['overlong UTF-8 (c0 80)', post(inbox(), Buffer.from([0x22, 0xc0, 0x80, 0x22]), { ...json, 'content-length': '4' }), 400],
        ['UTF-8 encoded surrogate (ed a0 80)', post(inbox(), Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), { ...json, 'content-length': '5' }), 400],
        ['UTF-16 with BOM', post(inbox(), Buffer.from('\ufeff{}', 'utf16le'), { ...json, 'content-length': '6' }), 400],
        ['JSON cut in the middle', post(inbox(), valid().subarray(0, 100), { ...json, 'content-length': '100' }), 400],
        ['body shorter than its length, then the client hangs up', post(inbox(), valid().subarray(0, 100), { ...json, 'content-length': String(valid().length) }), '4xx', { endAfterWrite: true }],
        ['chunked body cut off', post(inbox(), Buffer.from('ffff\r\n{"payload":'), { ...json, 'transfer-encoding': 'chunked' }), '4xx', { endAfterWrite: true }],
        ['bad chunk size', post(inbox(), Buffer.from('zz\r\n{}\r\n0\r\n\r\n'), { ...json, 'transfer-encoding': 'chunked' }), 400],
        ['both length and chunked', post(inbox(), Buffer.from('2\r\n{}\r\n0\r\n\r\n'), { ...json, 'transfer-encoding': 'chunked', 'content-length': '2' }), 400],
        ['NUL in a header value', post(inbox(), Buffer.from('{}'), { ...json, 'x-test': 'a\u0000b', 'content-length': '2' }), 400],
      ];
      for (const [what, bytes, expected, options] of cases) {
        const r = await send(bytes, options);
        if (expected === '4xx') expect([what, r.status === null || (r.status >= 400 && r.status < 500)]).toEqual([what, true]);
        else expect([what, r.status]).toEqual([what, expected]);
        expect((await fetch(board.url + '/healthz')).status).toBe(200);
      }
    });

    it('random bytes as a body, and a valid body with random bytes flipped, are 4xx', async () => {
      const body = valid();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 400 }),
            fc.array(fc.tuple(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
              const b = Uint8Array.from(body);
              for (const [at, x] of flips) b[at] ^= x;
              return b;
            }),
          ),
          fc.constantFrom(...postRoutes()),
          async (bytes, path) => {
            const r = await send(post(path, bytes, { 'content-type': 'application/json', 'content-length': String(bytes.length) }));
            if (r.status === 201) accepted++; // a flip inside an ignored nonce-free spot cannot happen, but count it if it does
            else expect([path, r.status !== null && r.status >= 400 && r.status < 500]).toEqual([path, true]);
          },
        ),
        { numRuns: runs.bytes },
      );
    });
  });

  describe('random reads of every route', () => {
    it('answer with a 2xx, 3xx or 4xx, never a 5xx', async () => {
      const id = 'fuzz';
      const paths = [
        '/board', '/healthz', '/metrics', '/log/head', '/log/heads', '/log/heads/', '/log/entries', '/log/entries/', '/log/types/', '/log/proof/inclusion', '/log/proof/consistency',
        '/peers', `/peers/${box.authority}`, `/peers/${box.authority}/cycles/`, `/peers/${box.authority}/cycles/${box.cycle}/inbox`, `/peers/${box.authority}/cycles/${box.cycle}/outbox`,
        '/negotiations/', '/consensus/', '/elections', `/elections/${id}`, `/elections/${id}/manifest`, `/elections/${id}/roster`, `/elections/${id}/documents/`,
        `/elections/${id}/ballot-box`, `/elections/${id}/rounds/`, `/elections/${id}/final-list`, `/elections/${id}/tally`, '/elections/', '/admin', '/admin/', '/vote/', `/vote/${id}`, '/',
      ];
      const params = ['index', 'size', 'leaf_hash', 'first', 'second', 'start', 'end', 'after', 'limit', 'election'];
      const value = fc.oneof(fc.string(), fc.integer().map(String), fc.constant('-1'), fc.constant('1e400'), fc.constant('9'.repeat(40)), fc.stringMatching(/^[0-9a-f]{0,70}$/));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), fc.oneof(fc.constant(''), fc.constantFrom('1', '0', 'x', '/1', '/input', '/output', '/proof', 'trustee.identity/1'), fc.string({ maxLength: 30 })), fc.dictionary(fc.constantFrom(...params), value), async (path, tail, query) => {
          const r = await fetch(board.url + path + encodeURIComponent(tail) + '?' + new URLSearchParams(query).toString(), { redirect: 'manual' });
          await r.arrayBuffer();
          note(r.status);
          expect([path, tail, r.status < 500]).toEqual([path, tail, true]);
        }),
        { numRuns: runs.reads },
      );
    });
  });

  describe('after the fuzzing', () => {
    it('the board still serves, never answered a 5xx, and its log grew exactly by the acknowledged writes', async () => {
      expect((await fetch(board.url + '/healthz')).status).toBe(200);
      if (process.env.OSTRAKA_FUZZ_REPORT) process.stderr.write(`http fuzz: ${JSON.stringify({ accepted, statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])) })}\n`);
      expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
      const metrics = await (await fetch(board.url + '/metrics')).text();
      expect(metrics).not.toMatch(/ostraka_board_http_requests_total\{[^}]*status="5\d\d"\}/);
      const head = await board.client.head();
      expect(head.size).toBe(startSize + accepted);
      const entries: unknown[] = [];
      for (let start: number | null = 0; start !== null && start < head.size; ) {
        const page: { entries: unknown[]; next: number | null } = await board.client.request('GET', `/log/entries?start=${start}&end=${head.size}`);
        entries.push(...page.entries);
        start = page.next;
      }
      expect(entries).toHaveLength(head.size);
      expect(hex(mth(entries.map((e) => entryLeaf(e as never))))).toBe(head.root);
      // The election is intact: the fuzzing changed its state only by accepted writes.
      expect((await fx.authority.status()).state).toBe('voting-open');
      // Differential check: whatever the board accepted, the independent verifier accepts too
      // (voting is still open, so it reports the transcript as incomplete, and nothing else).
      const audit = await auditElection(board.url, fx.id);
      expect(audit.failures.filter((f) => !f.startsWith('election.complete'))).toEqual([]);
    });
  });
}

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, toHex } from '@ostraka/crypto';
import { keyId, signEnvelope, signKeyPossession } from '@ostraka/protocol/log';
import { newPeer, servedBoard, type ServedBoard } from './support/fixtures.js';
import { hex, mth, entryLeaf } from './support/independent-tree.js';

let t: ServedBoard;
let peer: { id: string; key: ReturnType<typeof generateSigningKey> };
let board: string;
let validPeerEnvelope: Record<string, unknown>;

beforeAll(async () => {
  t = await servedBoard(['--max-body-bytes', '4096']);
  peer = await newPeer(t);
  await t.client.openCycle(peer.key, 1);
  board = await t.client.boardId();
  const key = generateSigningKey();
  validPeerEnvelope = signEnvelope(t.authority, board, 'peer.create', {
    operation: 'create', resource: 'peer', key_data: toHex(key.publicKey), key_id: keyId(key.publicKey), key_type: 1,
    name: 'n', peer_type: 'T', size_min: 0, size_max: 1, key_proof: signKeyPossession(key, board, keyId(key.publicKey)),
  });
});
afterAll(async () => t.close());

const POST_ROUTES = () => [
  '/peers',
  `/peers/${peer.id}/cycles`,
  `/peers/${peer.id}/cycles/1`,
  `/peers/${peer.id}/cycles/1/inbox`,
  `/peers/${peer.id}/cycles/1/outbox`,
  '/negotiations',
  `/negotiations/${'ab'.repeat(32)}`,
  '/log/entries/ballot.cast',
];

async function expectLogIntact() {
  const head = await t.client.head();
  const page: any = await t.client.request('GET', `/log/entries?start=0&end=${head.size}`);
  expect(hex(mth(page.entries.map(entryLeaf)))).toBe(head.root);
}

describe('bad input gets a 4xx with {error: {code, message}}, never a 5xx', () => {
  it('refuses each kind of malformed request', async () => {
    const env = validPeerEnvelope as { payload: Record<string, unknown>; signer: string; signature: string };
    const cases: [string, string, unknown, number, string, Record<string, string>?][] = [
      ['malformed JSON', '/peers', '{"payload":', 400, 'BAD_JSON'],
      ['empty body', '/peers', '', 400, 'BAD_JSON'],
      ['JSON array', '/peers', [1, 2], 400, 'INVALID_REQUEST'],
      ['JSON string', '/peers', '"x"', 400, 'INVALID_REQUEST'],
      ['missing signature', '/peers', { payload: env.payload, signer: env.signer }, 400, 'INVALID_REQUEST'],
      ['unknown envelope field', '/peers', { ...env, extra: 1 }, 400, 'INVALID_REQUEST'],
      ['signer not a key id', '/peers', { ...env, signer: 'alice' }, 400, 'INVALID_REQUEST'],
      ['upper-case hex signature', '/peers', { ...env, signature: env.signature.toUpperCase() }, 400, 'INVALID_REQUEST'],
      ['short signature', '/peers', { ...env, signature: 'ab' }, 400, 'INVALID_REQUEST'],
      ['float in payload', '/peers', { ...env, payload: { ...env.payload, size_max: 1.5 } }, 400, 'INVALID_REQUEST'],
      ['unsafe integer', '/peers', { ...env, payload: { ...env.payload, size_max: 2 ** 60 } }, 400, 'INVALID_REQUEST'],
      ['unknown payload field', '/peers', { ...env, payload: { ...env.payload, admin: true } }, 400, 'INVALID_REQUEST'],
      ['wrong operation', '/peers', { ...env, payload: { ...env.payload, operation: 'delete' } }, 400, 'INVALID_REQUEST'],
      ['wrong type of field', '/peers', { ...env, payload: { ...env.payload, name: 7 } }, 400, 'INVALID_REQUEST'],
      ['payload signed for other content', '/peers', { ...env, payload: { ...env.payload, name: 'm' } }, 401, 'BAD_SIGNATURE'],
      ['unknown signer', '/peers', { ...env, signer: '0'.repeat(32) }, 403, 'UNKNOWN_SIGNER'],
      ['text/plain body', '/peers', JSON.stringify(env), 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'text/plain' }],
      ['oversized body', '/peers', { ...env, payload: { ...env.payload, name: 'x'.repeat(5000) } }, 413, 'TOO_LARGE'],
      ['deeply nested data', `/peers/${peer.id}/cycles/1/inbox`, '{"payload":' + '['.repeat(2000) + ']'.repeat(2000) + '}', 400, 'INVALID_REQUEST'],
      ['bad peer id in path', '/peers/NOT-AN-ID/cycles', env, 400, 'INVALID_REQUEST'],
      ['cycle id 0', `/peers/${peer.id}/cycles/0`, env, 400, 'INVALID_REQUEST'],
      ['unknown extension type', '/log/entries/ballot.cast', env, 404, 'UNKNOWN_TYPE'],
      ['seed type via the generic route', '/log/entries/peer.create', env, 404, 'UNKNOWN_TYPE'],
      ['unknown route', '/elections', env, 404, 'NOT_FOUND'],
    ];
    for (const [name, path, body, status, code, headers] of cases) {
      const r = await t.request('POST', path, body, headers);
      expect([name, r.status, r.json?.error?.code]).toEqual([name, status, code]);
      expect(typeof r.json.error.message).toBe('string');
    }
    expect((await t.request('PUT', '/peers', {})).status).toBe(404);
    expect((await t.request('DELETE', `/peers/${peer.id}`)).status).toBe(404);
    await expectLogIntact();
  });

  it('answers random JSON bodies on every write route with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POST_ROUTES()), fc.jsonValue({ maxDepth: 4 }), async (path, body) => {
        const r = await t.request('POST', path, JSON.stringify(body));
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('answers random changes of a valid envelope with a 4xx', async () => {
    const fields = ['payload', 'signer', 'signature'];
    const payloadFields = Object.keys(validPeerEnvelope.payload as object);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...fields), fc.constantFrom(...payloadFields.map((f) => `payload.${f}`))),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
        async (field, value) => {
          const copy = structuredClone(validPeerEnvelope) as Record<string, any>;
          const [outer, inner] = field.split('.');
          if (inner) copy[outer][inner] = value;
          else copy[outer] = value;
          const r = await t.request('POST', '/peers', JSON.stringify(copy));
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    await expectLogIntact();
  });
});

describe('random reads', () => {
  it('answer random paths and query strings with a 2xx or a 4xx', async () => {
    const paths = () => [
      '/log/entries', '/log/entries/', '/log/heads', '/log/heads/', '/log/proof/inclusion', '/log/proof/consistency',
      '/log/types/', '/peers', '/peers/', `/peers/${peer.id}/cycles/`, `/peers/${peer.id}/cycles/1/inbox`, '/negotiations/', '/consensus/',
    ];
    const params = ['index', 'size', 'leaf_hash', 'first', 'second', 'start', 'end', 'after', 'limit', 'election'];
    const value = fc.oneof(fc.string(), fc.integer().map(String), fc.constant('1e3'), fc.constant('-0'), fc.constant('9'.repeat(30)), fc.stringMatching(/^[0-9a-f]{0,70}$/));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths()), fc.string(), fc.dictionary(fc.constantFrom(...params), value), async (path, tail, query) => {
        const url = path + encodeURIComponent(tail) + '?' + new URLSearchParams(query).toString();
        const r = await t.request('GET', url);
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rate and size caps', () => {
  it('limits requests per address, except health and metrics', async () => {
    const limited = await servedBoard(['--rate-limit', '2', '--rate-burst', '3']);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.request('GET', '/log/head')).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toContain(429);
      const r = await limited.request('GET', '/log/head');
      expect(r).toMatchObject({ status: 429, json: { error: { code: 'RATE_LIMITED' } } });
      expect((await limited.request('GET', '/healthz')).status).toBe(200);
      expect((await limited.request('GET', '/metrics')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('operations endpoints', () => {
  it('report health and Prometheus metrics', async () => {
    expect(await t.request('GET', '/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    const size = (await t.client.head()).size;
    expect(metrics.json).toContain(`ostraka_board_tree_size ${size}`);
    expect(metrics.json).toMatch(/ostraka_board_http_requests_total\{method="POST",route="\/peers",status="400"\} \d+/);
    expect(metrics.json).toMatch(/ostraka_board_http_request_duration_seconds_bucket\{method="GET",route="\/healthz",le="\+Inf"\} 1/);
    expect(metrics.json).toMatch(/ostraka_board_writes_rejected_total\{code="BAD_SIGNATURE"\} \d+/);
  });
});

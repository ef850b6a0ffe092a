import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signingKeyFromSecret, toHex, utf8 } from '@ostraka/crypto';
import { canonicalJsonBytes } from '@ostraka/protocol';
import {
  consensusId,
  entryLeafBytes,
  entryLeafHash,
  entryStatementBytes,
  envelopeSchema,
  isCanonicalJsonValue,
  keyId,
  messagePayload,
  peerCreatePayload,
  signEnvelope,
  signKeyPossession,
  signNegotiationText,
  signTreeHead,
  treeHeadBytes,
  verifyEntryStatement,
  verifyKeyPossession,
  verifyNegotiationText,
  verifyTreeHead,
  type LogEntry,
} from '@ostraka/protocol/log';

const key = signingKeyFromSecret(new Uint8Array(32).fill(7));
const other = signingKeyFromSecret(new Uint8Array(32).fill(8));
const BOARD = '00112233445566778899aabbccddeeff';
const OTHER_BOARD = 'ffeeddccbbaa99887766554433221100';

describe('entry statements', () => {
  const payload = { operation: 'create', resource: 'message', data: { n: 1, list: ['a', null, true] } };
  const env = signEnvelope(key, BOARD, 'message.inbox', payload);
  const statement = { board: BOARD, type: 'message.inbox', signer: env.signer, payload };

  it('are canonical JSON of board, payload, signer and type, signed under ostraka-entry-v1', () => {
    expect(new TextDecoder().decode(entryStatementBytes(statement))).toBe(
      `{"board":"${BOARD}","payload":{"data":{"list":["a",null,true],"n":1},"operation":"create","resource":"message"},"signer":"${keyId(key.publicKey)}","type":"message.inbox"}`,
    );
    expect(env.signer).toBe(keyId(key.publicKey));
    expect(verifyEntryStatement(key.publicKey, statement, env.signature)).toBe(true);
    expect(envelopeSchema.safeParse(env).success).toBe(true);
  });

  it('bind the board, the type, the signer, the payload and the key', () => {
    expect(verifyEntryStatement(key.publicKey, { ...statement, board: OTHER_BOARD }, env.signature)).toBe(false);
    expect(verifyEntryStatement(key.publicKey, { ...statement, type: 'message.outbox' }, env.signature)).toBe(false);
    expect(verifyEntryStatement(key.publicKey, { ...statement, signer: keyId(other.publicKey) }, env.signature)).toBe(false);
    expect(verifyEntryStatement(key.publicKey, { ...statement, payload: { ...payload, data: { n: 2, list: [] } } }, env.signature)).toBe(false);
    expect(verifyEntryStatement(other.publicKey, statement, env.signature)).toBe(false);
    expect(verifyEntryStatement(key.publicKey, statement, env.signature.toUpperCase())).toBe(false);
    expect(verifyEntryStatement(key.publicKey, statement, 'zz')).toBe(false);
  });

  it('any single-bit change of a signature is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 511 }), (bit) => {
        const sig = Buffer.from(env.signature, 'hex');
        sig[bit >> 3] ^= 1 << (bit & 7);
        expect(verifyEntryStatement(key.publicKey, statement, sig.toString('hex'))).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});

describe('entry leaves', () => {
  const entry: LogEntry = {
    index: 3,
    type: 'message.inbox',
    signer: keyId(key.publicKey),
    author: toHex(key.publicKey),
    payload: { z: 1, a: 'x' },
    signature: 'ab'.repeat(64),
    received: 1_700_000_000_000,
  };
  it('are canonical JSON with sorted keys and a version, hashed with the 0x00 leaf prefix', () => {
    const text = new TextDecoder().decode(entryLeafBytes(entry));
    expect(text).toBe(
      `{"author":"${entry.author}","index":3,"payload":{"a":"x","z":1},"received":1700000000000,"signature":"${entry.signature}","signer":"${entry.signer}","type":"message.inbox","v":1}`,
    );
    // Known answer recorded in docs/transcript.md.
    expect(toHex(entryLeafHash(entry))).toBe('794138dad5643c9b3e2e3d67bddb3a700bb854620b0fadbfb988a1d3894e3372');
  });
  it('are exactly the canonical JSON of the entry object, for any payload', () => {
    const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }).filter(isCanonicalJsonValue)) as fc.Arbitrary<Record<string, any>>;
    fc.assert(
      fc.property(jsonObject, fc.nat(), fc.nat(), fc.string(), (payload, index, received, type) => {
        const e = { ...entry, payload, index, received, type };
        const expected = canonicalJsonBytes({ author: e.author, index, payload, received, signature: e.signature, signer: e.signer, type, v: 1 });
        expect(entryLeafBytes(e)).toEqual(expected);
        const statement = { board: BOARD, type, signer: e.signer, payload };
        expect(entryStatementBytes(statement)).toEqual(canonicalJsonBytes({ board: BOARD, payload, signer: e.signer, type }));
      }),
      { numRuns: 100 },
    );
  });
  it('change with every field', () => {
    const base = toHex(entryLeafHash(entry));
    for (const changed of [{ index: 4 }, { received: 1 }, { type: 'message.outbox' }, { payload: { z: 2, a: 'x' } }, { signature: 'cd'.repeat(64) }]) {
      expect(toHex(entryLeafHash({ ...entry, ...changed }))).not.toBe(base);
    }
  });
});

describe('tree heads', () => {
  const head = signTreeHead(key, { board: BOARD, size: 42, timestamp: 1_700_000_000_123, root: 'cd'.repeat(32) });
  it('are 64 fixed bytes: board id, u64 size, u64 timestamp, root', () => {
    const bytes = treeHeadBytes(head);
    expect(bytes.length).toBe(64);
    expect(toHex(bytes)).toBe(BOARD + '000000000000002a' + '0000018bcfe5687b' + 'cd'.repeat(32));
  });
  it('verify under the board key only, and any change is refused', () => {
    expect(verifyTreeHead(key.publicKey, head)).toBe(true);
    expect(verifyTreeHead(other.publicKey, head)).toBe(false);
    expect(verifyTreeHead(key.publicKey, { ...head, size: 43 })).toBe(false);
    expect(verifyTreeHead(key.publicKey, { ...head, timestamp: head.timestamp + 1 })).toBe(false);
    expect(verifyTreeHead(key.publicKey, { ...head, root: 'ce'.repeat(32) })).toBe(false);
    expect(verifyTreeHead(key.publicKey, { ...head, board: OTHER_BOARD })).toBe(false);
    expect(verifyTreeHead(key.publicKey, { ...head, root: 'nothex' })).toBe(false);
  });
});

describe('negotiation texts, consensus ids and key possession', () => {
  const neg = 'ef'.repeat(32);
  it('text signatures bind board and negotiation', () => {
    const sig = signNegotiationText(key, BOARD, neg, 'manifest v1');
    expect(verifyNegotiationText(key.publicKey, BOARD, neg, 'manifest v1', sig)).toBe(true);
    expect(verifyNegotiationText(key.publicKey, BOARD, neg, 'manifest v2', sig)).toBe(false);
    expect(verifyNegotiationText(key.publicKey, OTHER_BOARD, neg, 'manifest v1', sig)).toBe(false);
    expect(verifyNegotiationText(key.publicKey, BOARD, '00'.repeat(32), 'manifest v1', sig)).toBe(false);
  });
  it('consensus ids commit to the text and every signature', () => {
    const signings = { [keyId(key.publicKey)]: 'aa'.repeat(64), [keyId(other.publicKey)]: 'bb'.repeat(64) };
    const id = consensusId(BOARD, neg, 'T', signings);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(consensusId(BOARD, neg, 'T', { ...signings })).toBe(id);
    expect(consensusId(BOARD, neg, 'T2', signings)).not.toBe(id);
    expect(consensusId(BOARD, neg, 'T', { ...signings, [keyId(key.publicKey)]: 'ab'.repeat(64) })).not.toBe(id);
    expect(consensusId(BOARD, neg, 'T', { [keyId(key.publicKey)]: 'aa'.repeat(64) })).not.toBe(id);
  });
  it('key possession proofs bind the board and the key id', () => {
    const kid = keyId(other.publicKey);
    const proof = signKeyPossession(other, BOARD, kid);
    expect(verifyKeyPossession(other.publicKey, BOARD, kid, proof)).toBe(true);
    expect(verifyKeyPossession(other.publicKey, OTHER_BOARD, kid, proof)).toBe(false);
    expect(verifyKeyPossession(key.publicKey, BOARD, keyId(key.publicKey), proof)).toBe(false);
  });
});

describe('payload schemas', () => {
  it('accept only canonical-JSON-safe values', () => {
    expect(isCanonicalJsonValue({ a: [1, 'x', null, { b: false }] })).toBe(true);
    expect(isCanonicalJsonValue({ a: 1.5 })).toBe(false);
    expect(isCanonicalJsonValue({ a: 2 ** 53 })).toBe(false);
    expect(isCanonicalJsonValue({ a: undefined })).toBe(false);
    expect(isCanonicalJsonValue(new Date())).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(isCanonicalJsonValue(deep)).toBe(false);
  });
  it('refuse unknown fields and inconsistent sizes', () => {
    const peer = {
      operation: 'create', resource: 'peer', key_data: toHex(key.publicKey), key_id: keyId(key.publicKey), key_type: 1,
      name: 'p', peer_type: 'GATEWAY', size_min: 3, size_max: 10, key_proof: 'aa'.repeat(64),
    };
    expect(peerCreatePayload.safeParse(peer).success).toBe(true);
    expect(peerCreatePayload.safeParse({ ...peer, extra: 1 }).success).toBe(false);
    expect(peerCreatePayload.safeParse({ ...peer, size_min: 11 }).success).toBe(false);
    expect(peerCreatePayload.safeParse({ ...peer, key_type: 2 }).success).toBe(false);
    const message = { operation: 'create', resource: 'message', sender: keyId(key.publicKey), recipient: 'x', peer_id: keyId(key.publicKey), cycle_id: 1, box: 0, data: 'hello' };
    expect(messagePayload.safeParse(message).success).toBe(true);
    expect(messagePayload.safeParse({ ...message, box: 2 }).success).toBe(false);
    expect(messagePayload.safeParse({ ...message, chunk: { doc: 'd', index: 2, count: 2 } }).success).toBe(false);
    expect(messagePayload.safeParse({ ...message, data: 0.5 }).success).toBe(false);
    expect(utf8('x').length).toBe(1);
  });
});

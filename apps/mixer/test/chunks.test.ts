import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes, fromHex, generateSigningKey, toHex } from '@ostraka/crypto';
import { mixDataSchema, type Json } from '@ostraka/protocol';
import { keyId, signEnvelope, SEED_ENTRY_TYPES, type JsonObject } from '@ostraka/protocol/log';
import { chunkSizes, ChunkedDocument, MixFailure } from '@ostraka/mixer';

const header = { election: 'e'.repeat(64), consensusId: 'c'.repeat(64), round: 32, inputHash: 'a'.repeat(64) };

/** The request body a chunk becomes, exactly as the board client sends it. */
function bodyBytes(doc: ChunkedDocument, index: number): number {
  const key = generateSigningKey();
  const peer = keyId(key.publicKey);
  const chunk = doc.chunk(index);
  const payload: JsonObject = {
    operation: 'create',
    resource: 'message',
    sender: peer,
    recipient: 'trustees',
    peer_id: peer,
    cycle_id: 4_000_000_000,
    box: 1,
    data: chunk.data as unknown as Json,
    chunk: { doc: chunk.doc, index: chunk.index, count: chunk.count },
  };
  return Buffer.byteLength(JSON.stringify(signEnvelope(key, 'b'.repeat(32), SEED_ENTRY_TYPES.messageOutbox, payload)));
}

describe('chunk sizes', () => {
  it('keeps every request at most half the board limit, output chunks holding whole ciphertexts', () => {
    for (const [maxBody, ciphertext] of [
      [1024 * 1024, 128],
      [1024 * 1024, 132],
      [64 * 1024, 64 * 30],
      [16 * 1024, 128],
    ]) {
      const sizes = chunkSizes(maxBody, ciphertext);
      expect(sizes.output % ciphertext).toBe(0);
      expect(sizes.output).toBeGreaterThan(0);
      const output = new ChunkedDocument(header, 'output', new Uint8Array(3 * sizes.output), sizes.output);
      const proof = new ChunkedDocument(header, 'proof', new Uint8Array(2 * sizes.proof + 1), sizes.proof);
      expect(bodyBytes(output, 0)).toBeLessThanOrEqual(maxBody / 2);
      expect(bodyBytes(proof, 0)).toBeLessThanOrEqual(maxBody / 2);
    }
  });

  it('refuses a board whose limit cannot carry one ciphertext per chunk', () => {
    expect(() => chunkSizes(4096, 1024)).toThrow(MixFailure);
    expect(() => chunkSizes(1000, 64)).toThrow(/too small/);
  });
});

describe('chunked documents', () => {
  it('cut a round into chunks whose bytes concatenate back to it, every chunk a valid mix data object', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2000 }), fc.integer({ min: 1, max: 700 }), fc.constantFrom('output' as const, 'proof' as const), (bytes, size, part) => {
        const doc = new ChunkedDocument(header, part, bytes, size);
        expect(doc.doc).toBe(`round-32-${part}`);
        expect(doc.count).toBe(Math.max(1, Math.ceil(bytes.length / size)));
        const parts: Uint8Array[] = [];
        for (let i = 0; i < doc.count; i++) {
          const c = doc.chunk(i);
          expect(c).toMatchObject({ doc: doc.doc, index: i, count: doc.count });
          const data = mixDataSchema.parse(c.data);
          expect(data).toMatchObject({ election: header.election, consensus_id: header.consensusId, round: 32, part, input_hash: header.inputHash });
          parts.push(fromHex(data.bytes));
        }
        expect(toHex(concatBytes(...parts))).toBe(toHex(bytes));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same chunk every time (a resumed round cuts its documents as before)', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(1000));
    const a = new ChunkedDocument(header, 'output', bytes, 128);
    const b = new ChunkedDocument(header, 'output', bytes.slice(), 128);
    for (let i = 0; i < a.count; i++) expect(a.chunk(i)).toEqual(b.chunk(i));
    expect(() => a.chunk(a.count)).toThrow(RangeError);
    expect(() => a.chunk(-1)).toThrow(RangeError);
  });
});

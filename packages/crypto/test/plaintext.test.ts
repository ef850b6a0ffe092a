import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodePlaintext, encodePlaintext, plaintextCapacity, widthFor } from '@ostraka/crypto';
import { GROUPS } from './arbitraries.js';

describe.each(GROUPS)('plaintext embedding in %s', (_name, G) => {
  it('documents a capacity of 30 bytes per element, minus a 2-byte length', () => {
    expect(G.embeddingCapacity).toBe(30);
    expect(plaintextCapacity(G, 1)).toBe(28);
    expect(plaintextCapacity(G, 4)).toBe(118);
    // 256-bit plaintexts need width 2; a 57-candidate ranking (57 bytes) needs width 2 as well.
    expect(widthFor(G, 32)).toBe(2);
    expect(widthFor(G, 57)).toBe(2);
    expect(widthFor(G, 0)).toBe(1);
  });

  it('round-trips any plaintext that fits the width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(fc.constant(width), fc.uint8Array({ maxLength: plaintextCapacity(G, width) })),
        ),
        ([width, bytes]) => {
          const elements = encodePlaintext(G, bytes, width);
          expect(elements.length).toBe(width);
          expect(Array.from(decodePlaintext(G, elements))).toEqual(Array.from(bytes));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('round-trips 256-bit and longer plaintexts, including all-0xff and all-zero data', () => {
    for (const bytes of [new Uint8Array(32).fill(0xff), new Uint8Array(32), new Uint8Array(500).map((_, i) => i)]) {
      const width = widthFor(G, bytes.length);
      expect(Array.from(decodePlaintext(G, encodePlaintext(G, bytes, width)))).toEqual(Array.from(bytes));
    }
  });

  it('refuses a plaintext beyond the capacity', () => {
    expect(() => encodePlaintext(G, new Uint8Array(29), 1)).toThrow(RangeError);
    expect(() => encodePlaintext(G, new Uint8Array(1), 0)).toThrow(RangeError);
  });

  it('rejects elements that are not a framed plaintext (bad length, non-zero padding)', () => {
    const elements = encodePlaintext(G, new Uint8Array([1, 2, 3]), 1);
    // A random element is almost never a valid framing: its length field or padding is wrong.
    const random = G.multiply(G.generator, 123456789n);
    expect(() => decodePlaintext(G, [random])).toThrow(DecodeError);
    // Changing one element of a valid embedding breaks it too.
    expect(() => decodePlaintext(G, [G.add(elements[0], G.generator)])).toThrow(DecodeError);
  });
});

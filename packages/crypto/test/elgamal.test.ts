import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ciphertextLength,
  DecodeError,
  decodeCiphertext,
  decrypt,
  ElGamal,
  encodeCiphertext,
  generateKeyPair,
  multiplyCiphertexts,
  toHex,
} from '@ostraka/crypto';
import { element, GROUPS, RUNS } from './arbitraries.js';

describe.each(GROUPS)('ElGamal over %s', (_name, G) => {
  const keys = generateKeyPair(G);
  const scheme = new ElGamal(G, keys.public);
  const messages = (w: number) => fc.array(element(G), { minLength: w, maxLength: w });

  it('decrypts what it encrypts, for any width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain(messages), (ms) => {
        const { ciphertext, randomness } = scheme.encrypt(ms);
        expect(randomness.length).toBe(ms.length);
        decrypt(G, keys.secret, ciphertext).forEach((m, j) => expect(G.equals(m, ms[j])).toBe(true));
      }),
      RUNS,
    );
  });

  it('re-encrypts to a different ciphertext of the same plaintext', () => {
    fc.assert(
      fc.property(messages(2), (ms) => {
        const { ciphertext } = scheme.encrypt(ms);
        const { ciphertext: again, randomness } = scheme.reEncrypt(ciphertext);
        expect(toHex(encodeCiphertext(G, again))).not.toBe(toHex(encodeCiphertext(G, ciphertext)));
        decrypt(G, keys.secret, again).forEach((m, j) => expect(G.equals(m, ms[j])).toBe(true));
        // Re-encryption with r is encryption of the identity with r, multiplied in.
        const zero = scheme.encryptWith([G.identity, G.identity], randomness);
        const product = multiplyCiphertexts(G, ciphertext, zero);
        expect(toHex(encodeCiphertext(G, product))).toBe(toHex(encodeCiphertext(G, again)));
      }),
      RUNS,
    );
  });

  it('is multiplicatively homomorphic', () => {
    fc.assert(
      fc.property(messages(1), messages(1), ([m1], [m2]) => {
        const c = multiplyCiphertexts(G, scheme.encrypt([m1]).ciphertext, scheme.encrypt([m2]).ciphertext);
        expect(G.equals(decrypt(G, keys.secret, c)[0], G.add(m1, m2))).toBe(true);
      }),
      RUNS,
    );
  });

  it('encodes ciphertexts as a_1 ‖ b_1 ‖ … and decodes them strictly', () => {
    const { ciphertext } = scheme.encrypt([G.generator, G.generator, G.generator]);
    const bytes = encodeCiphertext(G, ciphertext);
    expect(bytes.length).toBe(ciphertextLength(G, 3));
    expect(toHex(bytes.subarray(0, G.elementLength))).toBe(toHex(G.encode(ciphertext.a[0])));
    expect(toHex(bytes.subarray(G.elementLength, 2 * G.elementLength))).toBe(toHex(G.encode(ciphertext.b[0])));
    expect(toHex(encodeCiphertext(G, decodeCiphertext(G, bytes, 3)))).toBe(toHex(bytes));
    expect(() => decodeCiphertext(G, bytes, 2)).toThrow(DecodeError);
    expect(() => decodeCiphertext(G, bytes.subarray(1), 3)).toThrow(DecodeError);
    const zeroed = bytes.slice();
    zeroed.fill(0, 2 * G.elementLength, 3 * G.elementLength);
    expect(() => decodeCiphertext(G, zeroed, 3)).toThrow(expect.objectContaining({ code: 'IDENTITY', field: 'ciphertext.a[1]' }));
  });

  it('refuses the identity as a public key and mismatched randomness', () => {
    expect(() => new ElGamal(G, G.identity)).toThrow(RangeError);
    expect(() => scheme.encryptWith([G.generator], [1n, 2n])).toThrow(RangeError);
  });
});

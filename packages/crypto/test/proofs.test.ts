import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEncryptionProof,
  decodeSchnorrProof,
  ElGamal,
  encodeEncryptionProof,
  encodeSchnorrProof,
  generateKeyPair,
  proveDleq,
  proveEncryption,
  proveSchnorr,
  utf8,
  verifyDleq,
  verifyEncryption,
  verifySchnorr,
  type EncryptionProof,
  type Group,
  type SchnorrProof,
} from '@ostraka/crypto';
import { element, GROUPS, nonZeroScalar, RUNS } from './arbitraries.js';

const ctx = { election: 'election-1', step: 'test' };

/** Flips one bit of an encoded proof: the result must fail to decode or fail to verify. */
function bitFlips(bytes: Uint8Array) {
  return fc.integer({ min: 0, max: bytes.length * 8 - 1 }).map((bit) => {
    const out = bytes.slice();
    out[bit >> 3] ^= 1 << (bit & 7);
    return out;
  });
}

function decodesAndVerifies<T>(decode: () => T, verify: (t: T) => boolean): boolean {
  let proof: T;
  try {
    proof = decode();
  } catch {
    return false;
  }
  return verify(proof);
}

describe.each(GROUPS)('sigma proofs over %s', (_name, G: Group<unknown>) => {
  const S = G.scalars;

  describe('Schnorr proof of knowledge', () => {
    it('verifies honest proofs and rejects every change of statement or proof', () => {
      fc.assert(
        fc.property(nonZeroScalar(G), element(G), (x, other) => {
          const X = G.multiply(G.generator, x);
          // The tampered statements below must differ from the honest one.
          fc.pre(!G.equals(other, X) && !G.equals(other, G.generator));
          const proof = proveSchnorr(G, ctx, x, X);
          expect(verifySchnorr(G, ctx, X, proof)).toBe(true);
          expect(verifySchnorr(G, ctx, other, proof)).toBe(false);
          expect(verifySchnorr(G, { ...ctx, election: 'election-2' }, X, proof)).toBe(false);
          expect(verifySchnorr(G, { ...ctx, step: 'other' }, X, proof)).toBe(false);
          expect(verifySchnorr(G, ctx, X, proof, other)).toBe(false);
          expect(verifySchnorr(G, ctx, X, { ...proof, response: S.add(proof.response, 1n) })).toBe(false);
          expect(verifySchnorr(G, ctx, X, { ...proof, challenge: S.add(proof.challenge, 1n) })).toBe(false);
          expect(verifySchnorr(G, ctx, X, { ...proof, response: proof.response + G.order })).toBe(false);
        }),
        RUNS,
      );
    });

    it('proves knowledge for another base', () => {
      const h = G.hashToElement(utf8('base'), utf8('ostraka-test'));
      const x = S.random();
      const X = G.multiply(h, x);
      expect(verifySchnorr(G, ctx, X, proveSchnorr(G, ctx, x, X, undefined, h), h)).toBe(true);
      expect(verifySchnorr(G, ctx, X, proveSchnorr(G, ctx, x, X, undefined, h))).toBe(false);
    });

    it('rejects any bit flip of the encoded proof', () => {
      const x = S.random();
      const X = G.multiply(G.generator, x);
      const bytes = encodeSchnorrProof(G, proveSchnorr(G, ctx, x, X));
      expect(bytes.length).toBe(64);
      expect(verifySchnorr(G, ctx, X, decodeSchnorrProof(G, bytes))).toBe(true);
      fc.assert(
        fc.property(bitFlips(bytes), (flipped) => {
          expect(decodesAndVerifies(() => decodeSchnorrProof(G, flipped), (p: SchnorrProof) => verifySchnorr(G, ctx, X, p))).toBe(false);
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('Chaum–Pedersen (DLEQ)', () => {
    it('verifies honest proofs over several bases and rejects every change', () => {
      fc.assert(
        fc.property(nonZeroScalar(G), fc.array(element(G), { minLength: 1, maxLength: 3 }), element(G), (x, bases, other) => {
          const all = [G.generator, ...bases];
          const statement = { bases: all, publics: all.map((b) => G.multiply(b, x)) };
          const proof = proveDleq(G, ctx, statement, x);
          expect(verifyDleq(G, ctx, statement, proof)).toBe(true);
          // Any public replaced (e.g. a wrong partial decryption) is rejected.
          for (let k = 0; k < all.length; k++) {
            // Replacing an element by itself is no change (e.g. x = 1 and other = g): skip that case.
            if (!G.equals(statement.publics[k], other)) {
              const publics = statement.publics.slice();
              publics[k] = other;
              expect(verifyDleq(G, ctx, { ...statement, publics }, proof)).toBe(false);
            }
            if (!G.equals(statement.bases[k], other)) {
              const bs = statement.bases.slice();
              bs[k] = other;
              expect(verifyDleq(G, ctx, { ...statement, bases: bs }, proof)).toBe(false);
            }
          }
          expect(verifyDleq(G, { ...ctx, step: 'x' }, statement, proof)).toBe(false);
          expect(verifyDleq(G, ctx, statement, { ...proof, response: S.add(proof.response, 1n) })).toBe(false);
        }),
        { numRuns: 15 },
      );
    });

    it('rejects a statement with unequal logarithms even with a proof for one of them', () => {
      const x = S.random();
      const h = G.hashToElement(utf8('h'), utf8('ostraka-test'));
      const good = { bases: [G.generator, h], publics: [G.multiply(G.generator, x), G.multiply(h, x)] };
      const bad = { bases: good.bases, publics: [good.publics[0], G.multiply(h, S.add(x, 1n))] };
      expect(verifyDleq(G, ctx, bad, proveDleq(G, ctx, bad, x))).toBe(false);
      expect(() => proveDleq(G, ctx, { bases: [G.generator], publics: [] }, x)).toThrow(RangeError);
    });
  });

  describe('proof of knowledge of the encryption randomness (ballots)', () => {
    const keys = generateKeyPair(G);
    const scheme = new ElGamal(G, keys.public);
    const credential = utf8('credential-public-key');

    it('verifies honest ballots and rejects copies under another credential, election or key', () => {
      fc.assert(
        fc.property(fc.array(element(G), { minLength: 1, maxLength: 3 }), (ms) => {
          const { ciphertext, randomness } = scheme.encrypt(ms);
          const proof = proveEncryption(G, ctx, credential, keys.public, ciphertext, randomness);
          expect(verifyEncryption(G, ctx, credential, keys.public, ciphertext, proof)).toBe(true);
          // The Helios copying attack: the same ballot under another credential.
          expect(verifyEncryption(G, ctx, utf8('someone-else'), keys.public, ciphertext, proof)).toBe(false);
          expect(verifyEncryption(G, { ...ctx, election: 'other' }, credential, keys.public, ciphertext, proof)).toBe(false);
          expect(verifyEncryption(G, ctx, credential, G.generator, ciphertext, proof)).toBe(false);
          // A re-randomised copy keeps the plaintext but not the proof.
          const copy = scheme.reEncrypt(ciphertext).ciphertext;
          expect(verifyEncryption(G, ctx, credential, keys.public, copy, proof)).toBe(false);
          // Any component of b changed (the plaintext part) is caught: b is in the challenge.
          const b = ciphertext.b.slice();
          b[0] = G.add(b[0], G.generator);
          expect(verifyEncryption(G, ctx, credential, keys.public, { a: ciphertext.a, b }, proof)).toBe(false);
          const responses = proof.responses.slice();
          responses[responses.length - 1] = S.add(responses[responses.length - 1], 1n);
          expect(verifyEncryption(G, ctx, credential, keys.public, ciphertext, { ...proof, responses })).toBe(false);
        }),
        { numRuns: 15 },
      );
    });

    it('rejects a proof made without knowing the randomness of every component', () => {
      const { ciphertext, randomness } = scheme.encrypt([G.generator, G.generator]);
      const wrong = [randomness[0], S.add(randomness[1], 1n)];
      const proof = proveEncryption(G, ctx, credential, keys.public, ciphertext, wrong);
      expect(verifyEncryption(G, ctx, credential, keys.public, ciphertext, proof)).toBe(false);
    });

    it('rejects width mismatches and any bit flip of the encoded proof', () => {
      const { ciphertext, randomness } = scheme.encrypt([G.generator, G.generator]);
      const proof = proveEncryption(G, ctx, credential, keys.public, ciphertext, randomness);
      expect(verifyEncryption(G, ctx, credential, keys.public, ciphertext, { ...proof, responses: proof.responses.slice(1) })).toBe(false);
      const bytes = encodeEncryptionProof(G, proof);
      expect(bytes.length).toBe(96);
      expect(() => decodeEncryptionProof(G, bytes, 3)).toThrow();
      fc.assert(
        fc.property(bitFlips(bytes), (flipped) => {
          expect(
            decodesAndVerifies(
              () => decodeEncryptionProof(G, flipped, 2),
              (p: EncryptionProof) => verifyEncryption(G, ctx, credential, keys.public, ciphertext, p),
            ),
          ).toBe(false);
        }),
        { numRuns: 40 },
      );
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { deterministicRandom, fingerprint, generateSigningKey, sign, signedMessage, utf8, verifySignature } from '@ostraka/crypto';

describe('Ed25519 author signatures', () => {
  const key = generateSigningKey();

  it('verifies honest signatures and rejects another domain, payload or key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 8 }), (payload, extra) => {
        const sig = sign(key, 'ostraka-test', payload);
        expect(verifySignature(key.publicKey, 'ostraka-test', payload, sig)).toBe(true);
        expect(verifySignature(key.publicKey, 'ostraka-other', payload, sig)).toBe(false);
        expect(verifySignature(key.publicKey, 'ostraka-test', new Uint8Array([...payload, ...extra]), sig)).toBe(false);
        expect(verifySignature(generateSigningKey().publicKey, 'ostraka-test', payload, sig)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('separates domain from payload unambiguously', () => {
    expect(signedMessage('ab', utf8('c'))).not.toEqual(signedMessage('a', utf8('bc')));
  });

  it('rejects a malleated signature (S + L) and malformed inputs without throwing', () => {
    const payload = utf8('hello');
    const sig = sign(key, 'd', payload);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]);
    const t = s + L;
    const malleated = sig.slice();
    let v = t;
    for (let i = 32; i < 64; i++) {
      malleated[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    // S must be canonical (S < L): S + L is the classic malleated twin of a valid signature.
    expect(verifySignature(key.publicKey, 'd', payload, malleated)).toBe(false);
    expect(ed25519.verify(sig, signedMessage('d', payload), key.publicKey)).toBe(true);
    expect(verifySignature(key.publicKey.subarray(1), 'd', payload, sig)).toBe(false);
    expect(verifySignature(key.publicKey, 'd', payload, sig.subarray(1))).toBe(false);
    expect(verifySignature(new Uint8Array(32), 'd', payload, sig)).toBe(false);
  });

  it('refuses the small-order public key that ZIP-215 semantics would accept for every message', () => {
    // A = identity, R = identity, S = 0 satisfies the cofactored equation for any message.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const sig = new Uint8Array(64);
    sig.set(identity, 0);
    const message = signedMessage('d', utf8('any message'));
    expect(ed25519.verify(sig, message, identity, { zip215: true })).toBe(true);
    expect(verifySignature(identity, 'd', utf8('any message'), sig)).toBe(false);
  });

  it('derives keys reproducibly from an injected source and fingerprints them', () => {
    const a = generateSigningKey(deterministicRandom('seed'));
    const b = generateSigningKey(deterministicRandom('seed'));
    expect(a.publicKey).toEqual(b.publicKey);
    expect(fingerprint(a.publicKey)).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){4}$/);
    expect(fingerprint(a.publicKey)).not.toBe(fingerprint(key.publicKey));
  });
});

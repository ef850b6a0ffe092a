import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialKey, CredentialCodeError, generateCredentialCode, normalizeCredentialCode } from '@ostraka/client';
import { deterministicRandom, toHex } from '@ostraka/crypto';

describe('voter credentials', () => {
  it('generates well-formed, distinct codes that normalise to themselves', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = generateCredentialCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
      expect(normalizeCredentialCode(code)).toBe(code);
      codes.add(code);
    }
    expect(codes.size).toBe(200);
  });

  it('accepts what a voter may type: lower case, spaces, no dashes, O for 0 and I or L for 1', () => {
    const code = generateCredentialCode(deterministicRandom('c'));
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    expect(normalizeCredentialCode(typed)).toBe(code);
  });

  it('detects every single-character mistake and every adjacent swap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1, max: 31 }), (seed, pos, delta) => {
        const code = generateCredentialCode(deterministicRandom(String(seed))).replace(/-/g, '');
        const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
        const changed = code.slice(0, pos) + alphabet[(alphabet.indexOf(code[pos]) + delta) % 32] + code.slice(pos + 1);
        expect(() => normalizeCredentialCode(changed)).toThrow(CredentialCodeError);
        if (pos < 19 && code[pos] !== code[pos + 1]) {
          const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
          expect(() => normalizeCredentialCode(swapped)).toThrow(CredentialCodeError);
        }
      }),
      { numRuns: 300 },
    );
    expect(() => normalizeCredentialCode('short')).toThrow(/20 characters/);
  });

  it('derives a key bound to the election and the code', () => {
    const code = generateCredentialCode();
    const a = credentialKey('election-1', code);
    expect(toHex(credentialKey('election-1', code.toLowerCase()).publicKey)).toBe(toHex(a.publicKey));
    expect(toHex(credentialKey('election-2', code).publicKey)).not.toBe(toHex(a.publicKey));
    expect(toHex(credentialKey('election-1', generateCredentialCode()).publicKey)).not.toBe(toHex(a.publicKey));
  });
});

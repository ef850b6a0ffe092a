/**
 * The building blocks of docs/crypto.md §9, each against its definition: the proof layout and
 * header checks (§9.4), the challenge vector (§9.3), the PRF and the permutation (§9.6).
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, DecodeError, groupByName, u32be, utf8 } from '@ostraka/crypto';
import { ChallengeVector, checkProofShape, generatePermutation, invertPermutation, prfBytes, prfScalar, proofLayout } from '@ostraka/shuffle/internal';

describe('proof layout and header (§9.4)', () => {
  const G = groupByName('ristretto255');

  it('places every part where the specification says', () => {
    const layout = proofLayout(G, 2, 5);
    expect(layout).toMatchObject({ commitments: 8, chain: 8 + 160, challenge: 8 + 320, responses: 8 + 320 + 32 });
    expect(layout.sHat).toBe(layout.responses + 5 * 32);
    expect(layout.length).toBe(8 + 2 * 5 * 32 + (4 + 2 + 2 * 5) * 32);
    expect(proofLayout(groupByName('p256'), 1, 3).length).toBe(8 + 2 * 3 * 33 + (4 + 1 + 6) * 32);
  });

  it('refuses every header field that disagrees with the statement, and any other length', () => {
    const layout = proofLayout(G, 1, 2);
    const proof = new Uint8Array(layout.length);
    proof.set([1, 1, 0, 1, 0, 0, 0, 2]);
    expect(checkProofShape(proof, G, 1, 2).length).toBe(layout.length);
    const fieldOf = (bytes: Uint8Array, width = 1, n = 2) => {
      try {
        checkProofShape(bytes, G, width, n);
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
        return (e as DecodeError).field;
      }
      return 'accepted';
    };
    const patched = (at: number, value: number) => {
      const copy = proof.slice();
      copy[at] = value;
      return copy;
    };
    expect(fieldOf(patched(0, 2))).toBe('proof.version');
    expect(fieldOf(patched(1, 2))).toBe('proof.group');
    expect(fieldOf(proof, 2)).toBe('proof.width');
    expect(fieldOf(proof, 1, 3)).toBe('proof.n');
    expect(fieldOf(proof.subarray(0, proof.length - 1))).toBe('proof');
    expect(fieldOf(concatBytes(proof, new Uint8Array(1)))).toBe('proof');
    expect(fieldOf(proof.subarray(0, 5))).toBe('proof');
  });
});

describe('challenge vector (§9.3)', () => {
  it('is u_j = first 16 bytes of SHA-512(u_seed ‖ u32be(j)), big-endian', () => {
    const seed = sha512(utf8('u seed'));
    const u = new ChallengeVector(seed);
    for (const j of [1, 2, 255, 256, 70000, 2 ** 32 - 2]) {
      const expected = BigInt('0x' + Buffer.from(sha512(concatBytes(seed, u32be(j))).subarray(0, 16)).toString('hex'));
      expect(u.at(j)).toBe(expected);
      expect(u.at(j) < 2n ** 128n).toBe(true);
    }
    expect(() => new ChallengeVector(new Uint8Array(32))).toThrow(RangeError);
  });
});

describe('prover randomness (§9.6)', () => {
  const key = new Uint8Array(32).fill(7);

  it('PRF(key, label, i) = SHA-512(key ‖ utf8(label) ‖ 0x00 ‖ u64be(i)); scalars in the group byte order, reduced', () => {
    const index = 2 ** 40 + 5;
    const u64 = new Uint8Array(8);
    new DataView(u64.buffer).setBigUint64(0, BigInt(index));
    const expected = sha512(concatBytes(key, utf8('omega-hat'), new Uint8Array([0]), u64));
    expect(prfBytes(key, 'omega-hat', index)).toEqual(expected);
    for (const name of ['ristretto255', 'p256'] as const) {
      const G = groupByName(name);
      expect(prfScalar(G, key, 'omega-hat', index)).toBe(G.scalars.fromUniformBytes(expected));
    }
  });

  it('draws permutations uniformly (Fisher–Yates by rejection)', () => {
    // 6,000 keys, N = 3: each of the 6 permutations about 1,000 times (σ ≈ 29).
    const counts = new Map<string, number>();
    for (let k = 0; k < 6000; k++) {
      const psi = generatePermutation(sha512(u32be(k)).subarray(0, 32), 3);
      counts.set(psi.join(''), (counts.get(psi.join('')) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it('gives a permutation for every N, with its inverse, the same for the same key', () => {
    for (const n of [0, 1, 2, 17, 1000]) {
      const psi = generatePermutation(key, n);
      expect([...psi].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      const inverse = invertPermutation(psi);
      for (let i = 0; i < n; i++) expect(inverse[psi[i]]).toBe(i);
      expect(generatePermutation(key, n)).toEqual(psi);
    }
    expect(generatePermutation(new Uint8Array(32).fill(8), 1000)).not.toEqual(generatePermutation(key, 1000));
  });
});

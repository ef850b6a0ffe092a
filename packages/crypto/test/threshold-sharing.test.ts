import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commitmentAt,
  decryptShare,
  encryptedShareLength,
  encryptShare,
  evaluatePolynomial,
  feldmanCommitments,
  lagrangeCoefficients,
  openShare,
  randomPolynomial,
  sharedPoint,
  verifyShare,
  type Group,
} from '@ostraka/crypto';
import { GROUPS, nonZeroScalar, RUNS, scalar } from './arbitraries.js';

/** A threshold t, a trustee count n ≥ t and a set of t distinct indices in 1..n. */
const thresholdSet = fc
  .integer({ min: 1, max: 5 })
  .chain((t) => fc.integer({ min: t, max: 8 }).chain((n) => fc.tuple(fc.constant(t), fc.constant(n), fc.shuffledSubarray(range(n), { minLength: t, maxLength: t }))));

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

describe.each(GROUPS)('secret sharing over %s', (_name, G: Group<unknown>) => {
  const S = G.scalars;
  const polynomial = (t: number) => fc.array(nonZeroScalar(G), { minLength: t, maxLength: t });

  it('any t shares interpolate to f(0); t − 1 shares do not', () => {
    fc.assert(
      fc.property(thresholdSet.chain(([t, n, set]) => fc.tuple(fc.constant(t), fc.constant(n), fc.constant(set), polynomial(t))), ([t, , set, f]) => {
        const lambdas = lagrangeCoefficients(G, set);
        const at0 = set.reduce((acc, j, k) => S.add(acc, S.multiply(lambdas[k], evaluatePolynomial(G, f, j))), 0n);
        expect(at0).toBe(f[0]);
        if (t > 1) {
          const fewer = set.slice(1);
          const l = lagrangeCoefficients(G, fewer);
          const wrong = fewer.reduce((acc, j, k) => S.add(acc, S.multiply(l[k], evaluatePolynomial(G, f, j))), 0n);
          expect(wrong).not.toBe(f[0]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('evaluates by Horner exactly as Σ a_k x^k', () => {
    fc.assert(
      fc.property(fc.array(scalar(G), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1000 }), (f, x) => {
        const direct = f.reduce((acc, a, k) => S.add(acc, S.multiply(a, S.reduce(BigInt(x) ** BigInt(k)))), 0n);
        expect(evaluatePolynomial(G, f, x)).toBe(direct);
      }),
      { numRuns: 100 },
    );
  });

  it('Feldman: a correct share verifies; any other share, index or commitment does not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((t) => polynomial(t)),
        fc.integer({ min: 1, max: 20 }),
        nonZeroScalar(G),
        (f, j, delta) => {
          const A = feldmanCommitments(G, f);
          const share = evaluatePolynomial(G, f, j);
          expect(verifyShare(G, A, j, share)).toBe(true);
          expect(verifyShare(G, A, j, S.add(share, delta))).toBe(false);
          expect(verifyShare(G, A, j, share + G.order)).toBe(false);
          if (f.length > 1) expect(verifyShare(G, A, j + 1, share)).toBe(false);
          const k = Number(delta % BigInt(A.length));
          const tampered = A.map((a, i) => (i === k ? G.add(a, G.generator) : a));
          expect(verifyShare(G, tampered, j, share)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('commitmentAt(A, x) = Π A_k^{x^k}', () => {
    const f = randomPolynomial(G, 4);
    const A = feldmanCommitments(G, f);
    for (const x of [1, 2, 7, 255]) {
      const direct = G.msmPublic(A, A.map((_, k) => S.reduce(BigInt(x) ** BigInt(k))));
      expect(G.equals(commitmentAt(G, A, x), direct)).toBe(true);
      expect(G.equals(commitmentAt(G, A, x), G.multiply(G.generator, evaluatePolynomial(G, f, x)))).toBe(true);
    }
  });

  it('refuses bad interpolation sets and evaluation points', () => {
    expect(() => lagrangeCoefficients(G, [1, 2, 1])).toThrow(RangeError);
    expect(() => lagrangeCoefficients(G, [0, 1])).toThrow(RangeError);
    expect(() => lagrangeCoefficients(G, [1.5])).toThrow(RangeError);
    expect(() => evaluatePolynomial(G, [1n], 0)).toThrow(RangeError);
    expect(() => evaluatePolynomial(G, [], 1)).toThrow(RangeError);
    expect(() => randomPolynomial(G, 0)).toThrow(RangeError);
  });

  describe('share encryption', () => {
    const address = { election: 'election-1', dealer: 2, recipient: 5 };

    it('round-trips, and any change of key, address, ephemeral or ciphertext makes it fail', () => {
      fc.assert(
        fc.property(nonZeroScalar(G), scalar(G), nonZeroScalar(G), fc.nat(), (e, share, other, bit) => {
          const E = G.multiply(G.generator, e);
          const enc = encryptShare(G, address, E, share);
          expect(enc.ciphertext.length).toBe(encryptedShareLength(G));
          expect(decryptShare(G, address, e, E, enc)).toEqual({ ok: true, share });
          // The same answer for anyone who holds the shared point (a complaint reveals it).
          expect(openShare(G, address, E, enc, sharedPoint(G, e, enc.ephemeral))).toEqual({ ok: true, share });
          const fails = (r: { ok: boolean }) => expect(r.ok).toBe(false);
          fails(decryptShare(G, address, S.add(e, other), E, enc));
          fails(decryptShare(G, { ...address, election: 'election-2' }, e, E, enc));
          fails(decryptShare(G, { ...address, dealer: 3 }, e, E, enc));
          fails(decryptShare(G, { ...address, recipient: 4 }, e, E, enc));
          fails(decryptShare(G, address, e, E, { ...enc, ephemeral: G.add(enc.ephemeral, G.generator) }));
          const flipped = enc.ciphertext.slice();
          flipped[(bit >> 3) % flipped.length] ^= 1 << (bit & 7);
          fails(decryptShare(G, address, e, E, { ...enc, ciphertext: flipped }));
          fails(decryptShare(G, address, e, E, { ...enc, ciphertext: enc.ciphertext.subarray(1) }));
        }),
        RUNS,
      );
    });

    it('uses a fresh ephemeral key for every share', () => {
      const e = S.randomNonZero();
      const E = G.multiply(G.generator, e);
      const a = encryptShare(G, address, E, 7n);
      const b = encryptShare(G, address, E, 7n);
      expect(G.equals(a.ephemeral, b.ephemeral)).toBe(false);
      expect(a.ciphertext).not.toEqual(b.ciphertext);
      expect(() => encryptShare(G, address, G.identity, 7n)).toThrow(RangeError);
    });
  });
});

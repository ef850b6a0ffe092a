import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combinePartialDecryptions,
  decodePlaintext,
  decryptionContext,
  ElGamal,
  encodePlaintext,
  InsufficientPartialsError,
  partialDecrypt,
  PartialDecryptionVerifier,
  thresholdDecrypt,
  utf8,
  verifyDleq,
  verifyPartialDecryption,
  type Ciphertext,
  type Group,
  type PartialDecryption,
  type TrusteeDecryption,
} from '@ostraka/crypto';
import { GROUPS, nonZeroScalar, RUNS } from './arbitraries.js';
import { honestCeremony } from './threshold-fixture.js';

const text = (G: Group<unknown>, m: unknown[]) => new TextDecoder().decode(decodePlaintext(G, m));

describe.each(GROUPS)('threshold decryption (n = 5, t = 3) over %s', (_name, G: Group<unknown>) => {
  const S = G.scalars;
  const ceremony = honestCeremony(G, 3, 5);
  const { election } = ceremony.params;
  const scheme = new ElGamal(G, ceremony.outcome.publicKey);
  const ballots = ['yes', 'no', 'a write-in answer that needs two elements', ''];
  const widths = [1, 1, 2, 2];
  const ciphertexts: Ciphertext<unknown>[] = ballots.map((b, i) => scheme.encrypt(encodePlaintext(G, utf8(b), widths[i])).ciphertext);
  const x = (j: number) => ceremony.keyShares.get(j)!;
  const vk = (j: number) => ceremony.verificationKeys.get(j)!;
  const decryptionBy = (j: number, secret = x(j)): TrusteeDecryption<unknown> => ({
    trustee: j,
    partials: ciphertexts.map((c) => partialDecrypt(G, election, j, secret, vk(j), c)),
  });
  const all = [1, 2, 3, 4, 5].map((j) => decryptionBy(j));
  const params = { election, threshold: 3, verificationKeys: ceremony.verificationKeys };

  it('all honest: decrypts every ballot', () => {
    const result = thresholdDecrypt(G, params, ciphertexts, all);
    expect(result.used).toEqual([1, 2, 3]);
    expect(result.unchecked).toEqual([4, 5]);
    expect(result.plaintexts.map((m) => text(G, m))).toEqual(ballots);
  });

  it('two trustees absent: any three decrypt, and every set of three gives the same plaintexts', () => {
    for (const set of [[1, 2, 3], [1, 2, 4], [1, 2, 5], [1, 3, 4], [1, 3, 5], [1, 4, 5], [2, 3, 4], [2, 3, 5], [2, 4, 5], [3, 4, 5]]) {
      const result = thresholdDecrypt(G, params, ciphertexts, set.map((j) => all[j - 1]));
      expect(result.used).toEqual(set);
      expect(result.plaintexts.map((m) => text(G, m))).toEqual(ballots);
    }
  });

  it('a wrong partial decryption is rejected by its proof and the others suffice', () => {
    // Trustee 2 decrypts with a wrong key (as it would to change the result): its proofs fail.
    const cheat = decryptionBy(2, S.add(x(2), 1n));
    const result = thresholdDecrypt(G, params, ciphertexts, [all[0], cheat, all[2], all[3], all[4]]);
    expect(result.rejected).toEqual([{ trustee: 2, reason: 'the proof of partial decryption 0 does not verify' }]);
    expect(result.used).toEqual([1, 3, 4]);
    expect(result.plaintexts.map((m) => text(G, m))).toEqual(ballots);
    // One bad factor among good ones is enough to reject the whole submission.
    const partials = [...all[1].partials];
    partials[3] = { ...partials[3], factors: [partials[3].factors[0], G.add(partials[3].factors[1], G.generator)] };
    const oneBad = thresholdDecrypt(G, params, ciphertexts, [all[0], { trustee: 2, partials }, all[2], all[3]], { verifyAll: true });
    expect(oneBad.rejected).toEqual([{ trustee: 2, reason: 'the proof of partial decryption 3 does not verify' }]);
  });

  it('fewer than t valid partial decryptions: a clear error, never a plaintext', () => {
    const cheat = decryptionBy(3, S.add(x(3), 5n));
    expect(() => thresholdDecrypt(G, params, ciphertexts, [all[0], all[1], cheat])).toThrow(InsufficientPartialsError);
    expect(() => thresholdDecrypt(G, params, ciphertexts, [all[0], all[1], cheat])).toThrow(
      /needs valid partial decryptions from 3 trustees, got 2 \[1, 2\]; rejected: trustee 3/,
    );
    expect(() => thresholdDecrypt(G, params, ciphertexts, [all[0], all[4]])).toThrow(InsufficientPartialsError);
    // The same trustee twice does not count twice.
    expect(() => thresholdDecrypt(G, params, ciphertexts, [all[0], all[0], all[4]])).toThrow(InsufficientPartialsError);
    // A partial decryption from outside the roster does not count.
    expect(() => thresholdDecrypt(G, params, ciphertexts, [all[0], all[1], { ...all[2], trustee: 6 }])).toThrow(/not a trustee/);
    expect(() => combinePartialDecryptions(G, ciphertexts, [all[0], all[1]].map((d) => ({ trustee: d.trustee, factors: d.partials.map((p) => p.factors) })), 3)).toThrow(
      InsufficientPartialsError,
    );
  });

  it('verifyAll checks every submission and names every cheater', () => {
    const result = thresholdDecrypt(G, params, ciphertexts, [all[0], all[1], all[2], decryptionBy(4, 1n), decryptionBy(5, 2n)], { verifyAll: true });
    expect(result.rejected.map((r) => r.trustee)).toEqual([4, 5]);
    expect(result.unchecked).toEqual([]);
  });

  it('soundness: any tampered factor, proof, trustee, election or ciphertext is rejected', () => {
    const verifier = new PartialDecryptionVerifier(G, election, 2, vk(2));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ciphertexts.length - 1 }), nonZeroScalar(G), fc.integer({ min: 0, max: 4 }), (i, delta, what) => {
        const c = ciphertexts[i];
        const p = all[1].partials[i];
        const shift = (e: unknown) => G.add(e, G.multiply(G.generator, delta));
        const tampered: [Ciphertext<unknown>, PartialDecryption<unknown>][] = [
          [c, { ...p, factors: p.factors.map((f, k) => (k === 0 ? shift(f) : f)) }],
          [c, { ...p, proof: { ...p.proof, challenge: S.add(p.proof.challenge, delta) } }],
          [c, { ...p, proof: { ...p.proof, response: S.add(p.proof.response, delta) } }],
          [{ a: c.a.map(shift), b: c.b }, p],
          [c, { ...p, factors: p.factors.slice(1) }],
        ];
        const [tc, tp] = tampered[what];
        expect(verifier.verify(c, p)).toBe(true);
        expect(verifier.verify(tc, tp)).toBe(false);
        expect(verifyPartialDecryption(G, election, 2, vk(2), tc, tp)).toBe(false);
        expect(verifyPartialDecryption(G, election, 3, vk(3), c, p)).toBe(false);
        expect(verifyPartialDecryption(G, 'election-2', 2, vk(2), c, p)).toBe(false);
      }),
      { numRuns: 12 },
    );
  });

  it('the table-based verifier decides exactly as verifyDleq on the same statement (before and after its vk table)', () => {
    // One verifier for every run: after 48 proofs it switches to a precomputed table for vk_1.
    const verifier = new PartialDecryptionVerifier(G, election, 1, vk(1));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ciphertexts.length - 1 }), fc.boolean(), nonZeroScalar(G), (i, tamper, delta) => {
        const c = ciphertexts[i];
        const honest = all[0].partials[i];
        const p = tamper ? { ...honest, proof: { ...honest.proof, response: S.add(honest.proof.response, delta) } } : honest;
        const statement = { bases: [G.generator, ...c.a], publics: [vk(1), ...p.factors] };
        const expected = verifyDleq(G, decryptionContext(election, 1), statement, p.proof);
        expect(verifier.verify(c, p)).toBe(expected);
        // With the encodings the caller holds (as the tally's workers pass them): the same verdict.
        expect(verifier.verify(c, p, { a: G.encodeMany(c.a), factors: G.encodeMany(p.factors) })).toBe(expected);
        expect(expected).toBe(!tamper);
      }),
      { numRuns: 70 },
    );
  });

  it('out-of-range proof scalars are rejected, not reduced', () => {
    const p = all[0].partials[0];
    const verifier = new PartialDecryptionVerifier(G, election, 1, vk(1));
    expect(verifier.verify(ciphertexts[0], { ...p, proof: { ...p.proof, response: p.proof.response + G.order } })).toBe(false);
    expect(verifier.verify(ciphertexts[0], { ...p, proof: { ...p.proof, challenge: -1n } })).toBe(false);
  });
});

describe('threshold decryption with t = n = 5 (the MSM combination path)', () => {
  const G = GROUPS[0][1];
  it('decrypts with all five and refuses four', () => {
    const ceremony = honestCeremony(G, 5, 5, 'election-msm');
    const scheme = new ElGamal(G, ceremony.outcome.publicKey);
    const ciphertexts = ['one', 'two'].map((b) => scheme.encrypt(encodePlaintext(G, utf8(b), 1)).ciphertext);
    const submissions = [1, 2, 3, 4, 5].map((j) => ({
      trustee: j,
      partials: ciphertexts.map((c) => partialDecrypt(G, 'election-msm', j, ceremony.keyShares.get(j)!, ceremony.verificationKeys.get(j)!, c)),
    }));
    const params = { election: 'election-msm', threshold: 5, verificationKeys: ceremony.verificationKeys };
    expect(thresholdDecrypt(G, params, ciphertexts, submissions).plaintexts.map((m) => text(G, m))).toEqual(['one', 'two']);
    expect(() => thresholdDecrypt(G, params, ciphertexts, submissions.slice(1))).toThrow(InsufficientPartialsError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CeremonyFailedError,
  checkDeal,
  createComplaint,
  createDeal,
  encryptShare,
  evaluateCeremony,
  evaluatePolynomial,
  judgeComplaint,
  lagrangeCoefficients,
  proveKeyShare,
  proveShareKey,
  randomPolynomial,
  receiveShare,
  verificationKey,
  verifyKeyShareProof,
  verifyShareKeyProof,
  type Complaint,
  type Deal,
  type Group,
} from '@ostraka/crypto';
import { GROUPS, nonZeroScalar, RUNS } from './arbitraries.js';
import { honestCeremony } from './threshold-fixture.js';

const N = 5;
const T = 3;

describe.each(GROUPS)('key ceremony (joint Feldman, n = 5, t = 3) over %s', (_name, G: Group<unknown>) => {
  const S = G.scalars;
  const honest = honestCeremony(G, T, N);
  const { params, trustees, shareKeys, deals, polynomials } = honest;
  const election = params.election;

  /** Dealer 1's deal with the share for `recipient` replaced. */
  function withShare(deal: Deal<unknown>, recipient: number, replace: (original: Deal<unknown>['shares'][number]) => Deal<unknown>['shares'][number]): Deal<unknown> {
    return { ...deal, shares: deal.shares.map((s) => (s.recipient === recipient ? replace(s) : s)) };
  }

  it('all honest: every deal is well-formed, Q = {1..5}, x_j matches vk_j, and any 3 key shares give the joint secret', () => {
    for (const d of deals) expect(checkDeal(G, params, d)).toBeNull();
    expect(honest.outcome.qualified).toEqual([1, 2, 3, 4, 5]);
    expect(honest.outcome.disqualified).toEqual([]);
    const secret = polynomials.reduce((acc, f) => S.add(acc, f[0]), 0n);
    expect(G.equals(honest.outcome.publicKey, G.multiply(G.generator, secret))).toBe(true);
    for (const t of trustees)
      expect(G.equals(G.multiply(G.generator, honest.keyShares.get(t.index)!), honest.verificationKeys.get(t.index)!)).toBe(true);
    for (const set of [[1, 2, 3], [2, 4, 5], [1, 3, 5]]) {
      const l = lagrangeCoefficients(G, set);
      expect(set.reduce((acc, j, k) => S.add(acc, S.multiply(l[k], honest.keyShares.get(j)!)), 0n)).toBe(secret);
    }
  });

  it('a dealer that sends a bad share is disqualified by a verifiable complaint; the ceremony completes without it', () => {
    const bad = withShare(deals[0], 2, () => encryptShare(G, { election, dealer: 1, recipient: 2 }, shareKeys.get(2)!, 12345n));
    expect(checkDeal(G, params, bad)).toBeNull(); // publicly well-formed: only the recipient can tell
    const victim = trustees[1];
    const received = receiveShare(G, election, bad, victim);
    expect(received).toEqual({ ok: false, reason: 'the share does not match the dealer’s commitments' });
    const complaint = createComplaint(G, election, bad, victim);
    // Anyone can check it, with public data only.
    expect(judgeComplaint(G, election, bad, victim.shareKey, complaint).upheld).toBe(true);
    const outcome = evaluateCeremony(G, params, [bad, ...deals.slice(1)], [complaint], shareKeys);
    expect(outcome.qualified).toEqual([2, 3, 4, 5]);
    expect(outcome.disqualified.map((d) => d.dealer)).toEqual([1]);
    const secret = polynomials.slice(1).reduce((acc, f) => S.add(acc, f[0]), 0n);
    expect(G.equals(outcome.publicKey, G.multiply(G.generator, secret))).toBe(true);
    // Key shares from the qualified dealers match the public verification keys.
    for (const t of trustees) {
      const x = outcome.qualified.reduce((acc, i) => S.add(acc, evaluatePolynomial(G, polynomials[i - 1], t.index)), 0n);
      expect(G.equals(G.multiply(G.generator, x), verificationKey(G, outcome.commitments, t.index))).toBe(true);
    }
  });

  it('every kind of bad share leads to an upheld complaint', () => {
    const victim = trustees[2];
    const address = { election, dealer: 1, recipient: 3 };
    const right = evaluatePolynomial(G, polynomials[0], 3);
    const cases: [string, Deal<unknown>][] = [
      ['wrong value', withShare(deals[0], 3, () => encryptShare(G, address, victim.shareKey, S.add(right, 1n)))],
      ['encrypted to another key', withShare(deals[0], 3, () => encryptShare(G, address, shareKeys.get(4)!, right))],
      ['encrypted for another election', withShare(deals[0], 3, () => encryptShare(G, { ...address, election: 'other' }, victim.shareKey, right))],
      ['garbage ciphertext', withShare(deals[0], 3, (s) => ({ ...s, ciphertext: new Uint8Array(s.ciphertext.length) }))],
      ['another recipient’s share', withShare(deals[0], 3, () => ({ ...deals[0].shares.find((s) => s.recipient === 4)!, recipient: 3 }))],
    ];
    for (const [what, bad] of cases) {
      expect(receiveShare(G, election, bad, victim).ok, what).toBe(false);
      const complaint = createComplaint(G, election, bad, victim);
      expect(judgeComplaint(G, election, bad, victim.shareKey, complaint).upheld, what).toBe(true);
    }
  });

  it('a false complaint against an honest dealer is void and the dealer stays qualified', () => {
    const complaint = createComplaint(G, election, deals[1], trustees[0]);
    const verdict = judgeComplaint(G, election, deals[1], trustees[0].shareKey, complaint);
    expect(verdict).toEqual({ upheld: false, reason: 'the revealed share is correct: the complaint is false' });
    const outcome = evaluateCeremony(G, params, deals, [complaint], shareKeys);
    expect(outcome.qualified).toEqual([1, 2, 3, 4, 5]);
    expect(outcome.voidComplaints).toHaveLength(1);
  });

  it('soundness: a tampered complaint never disqualifies an honest dealer', () => {
    const genuine = createComplaint(G, election, deals[0], trustees[1]);
    fc.assert(
      fc.property(nonZeroScalar(G), fc.constantFrom('point', 'challenge', 'response', 'recipient'), (delta, field) => {
        const tampered: Complaint<unknown> =
          field === 'point'
            ? { ...genuine, sharedPoint: G.add(genuine.sharedPoint, G.multiply(G.generator, delta)) }
            : field === 'recipient'
              ? { ...genuine, recipient: 3 }
              : { ...genuine, proof: { ...genuine.proof, [field]: S.add(genuine.proof[field as 'challenge' | 'response'], delta) } };
        const key = shareKeys.get(tampered.recipient)!;
        expect(judgeComplaint(G, election, deals[0], key, tampered).upheld).toBe(false);
        expect(evaluateCeremony(G, params, deals, [tampered], shareKeys).qualified).toEqual([1, 2, 3, 4, 5]);
      }),
      RUNS,
    );
  });

  it('soundness: a tampered commitment disqualifies its dealer, publicly (k = 0) or by complaint (k > 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: T - 1 }), nonZeroScalar(G), (k, delta) => {
        const commitments = deals[0].commitments.map((A, i) => (i === k ? G.add(A, G.multiply(G.generator, delta)) : A));
        const bad = { ...deals[0], commitments };
        if (k === 0) {
          expect(checkDeal(G, params, bad)).toMatch(/proof of knowledge/);
          expect(evaluateCeremony(G, params, [bad, ...deals.slice(1)], [], shareKeys).qualified).toEqual([2, 3, 4, 5]);
        } else {
          expect(checkDeal(G, params, bad)).toBeNull();
          const victim = trustees[1 + (Number(delta % 4n))];
          expect(receiveShare(G, election, bad, victim).ok).toBe(false);
          const complaint = createComplaint(G, election, bad, victim);
          expect(evaluateCeremony(G, params, [bad, ...deals.slice(1)], [complaint], shareKeys).qualified).toEqual([2, 3, 4, 5]);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('publicly rejects malformed deals: rogue keys, wrong shape, duplicates', () => {
    const d = deals[0];
    // Rogue key: dealer 1 copies dealer 2's commitments and proof (the proof is bound to the dealer).
    expect(checkDeal(G, params, { ...deals[1], dealer: 1, shares: d.shares })).toMatch(/proof of knowledge/);
    expect(checkDeal(G, { ...params, election: 'other' }, d)).toMatch(/proof of knowledge/);
    expect(checkDeal(G, params, { ...d, commitments: d.commitments.slice(0, 2) })).toMatch(/expected 3 commitments/);
    expect(checkDeal(G, params, { ...d, shares: d.shares.slice(1) })).toMatch(/expected 4 encrypted shares/);
    expect(checkDeal(G, params, { ...d, shares: [...d.shares].reverse() })).toMatch(/addressed to/);
    expect(checkDeal(G, params, { ...d, shares: d.shares.map((s) => ({ ...s, ciphertext: s.ciphertext.subarray(1) })) })).toMatch(/bytes/);
    expect(checkDeal(G, params, { ...d, dealer: 6 })).toMatch(/not a trustee/);
    const again = createDeal(G, election, 1, randomPolynomial(G, T), trustees.slice(1));
    const outcome = evaluateCeremony(G, params, [...deals, again], [], shareKeys);
    expect(outcome.qualified).toEqual([2, 3, 4, 5]);
    expect(outcome.disqualified).toEqual([{ dealer: 1, reason: 'posted more than one deal' }]);
  });

  it('fails clearly with fewer than t qualified dealers', () => {
    expect(() => evaluateCeremony(G, params, deals.slice(0, 2), [], shareKeys)).toThrow(CeremonyFailedError);
    expect(() => evaluateCeremony(G, params, deals.slice(0, 2), [], shareKeys)).toThrow(/only 2 qualified dealer\(s\) \[1, 2\], at least 3 needed/);
  });

  it('key-share and share-key proofs verify and are bound to trustee and election', () => {
    const j = 4;
    const x = honest.keyShares.get(j)!;
    const vk = honest.verificationKeys.get(j)!;
    const proof = proveKeyShare(G, election, j, x, vk);
    expect(verifyKeyShareProof(G, election, j, vk, proof)).toBe(true);
    expect(verifyKeyShareProof(G, election, 3, vk, proof)).toBe(false);
    expect(verifyKeyShareProof(G, 'other', j, vk, proof)).toBe(false);
    expect(verifyKeyShareProof(G, election, j, honest.verificationKeys.get(3)!, proof)).toBe(false);
    const t = trustees[0];
    const skProof = proveShareKey(G, election, 1, t.secret, t.shareKey);
    expect(verifyShareKeyProof(G, election, 1, t.shareKey, skProof)).toBe(true);
    expect(verifyShareKeyProof(G, election, 2, t.shareKey, skProof)).toBe(false);
    // The two kinds of proof are domain-separated: one never passes as the other.
    expect(verifyKeyShareProof(G, election, 1, t.shareKey, skProof)).toBe(false);
  });
});

/**
 * docs/vectors/threshold-*.json verify from the files alone, as an independent implementation
 * would read them (test/vectors.test.ts separately checks that they match their generator).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  aggregateCommitments,
  decodeCiphertext,
  decodePlaintext,
  decodeSchnorrProof,
  dealContext,
  evaluatePolynomial,
  fromHex,
  groupByName,
  judgeComplaint,
  lagrangeCoefficients,
  openShare,
  sharedPoint,
  shareEncryptionKey,
  toHex,
  verificationKey,
  verifyKeyShareProof,
  verifyPartialDecryption,
  verifySchnorr,
  verifyShare,
  verifyShareKeyProof,
  type Deal,
  type Group,
} from '@ostraka/crypto';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../docs/vectors/${name}`, import.meta.url), 'utf8'));

const dkgVectors: [string, any][] = read('threshold-dkg.json').map((v: any) => [v.group, v]);

describe.each(dkgVectors)('threshold-dkg.json (%s)', (_name, v: any) => {
  const G = groupByName(v.group) as Group<unknown>;
  const el = (h: string) => G.decode(fromHex(h));
  const sc = (h: string) => G.scalars.decode(fromHex(h));
  const proof = (h: string) => decodeSchnorrProof(G, fromHex(h));
  const shareKeys = v.trustees.map((t: any) => el(t.share_key));
  const dealOf = (d: any): Deal<unknown> => ({
    dealer: d.dealer,
    commitments: d.commitments.map(el),
    proof: proof(d.proof),
    shares: d.shares.map((s: any) => ({ recipient: s.recipient, ephemeral: el(s.ephemeral), ciphertext: fromHex(s.ciphertext) })),
  });

  it('identities: E_j = g^{e_j} with a valid proof of knowledge', () => {
    for (const t of v.trustees) {
      expect(toHex(G.encode(G.multiply(G.generator, sc(t.share_secret))))).toBe(t.share_key);
      expect(verifyShareKeyProof(G, v.election, t.trustee, el(t.share_key), proof(t.share_key_proof))).toBe(true);
    }
  });

  it('deals: commitments, proofs, shared points, keys and shares', () => {
    for (const d of v.deals) {
      const f = d.coefficients.map(sc);
      expect(d.commitments).toEqual(f.map((a: bigint) => toHex(G.encode(G.multiply(G.generator, a)))));
      expect(verifySchnorr(G, dealContext(v.election, d.dealer), el(d.commitments[0]), proof(d.proof))).toBe(true);
      for (const s of d.shares) {
        const value = sc(s.value);
        expect(value).toBe(evaluatePolynomial(G, f, s.recipient));
        const D = sharedPoint(G, sc(v.trustees[s.recipient - 1].share_secret), el(s.ephemeral));
        expect(toHex(G.encode(D))).toBe(s.shared_point);
        const address = { election: v.election, dealer: d.dealer, recipient: s.recipient };
        expect(toHex(shareEncryptionKey(G, address, shareKeys[s.recipient - 1], el(s.ephemeral), D))).toBe(s.key);
        const encrypted = { recipient: s.recipient, ephemeral: el(s.ephemeral), ciphertext: fromHex(s.ciphertext) };
        expect(openShare(G, address, shareKeys[s.recipient - 1], encrypted, D)).toEqual({ ok: true, share: value });
        expect(verifyShare(G, d.commitments.map(el), s.recipient, value)).toBe(true);
      }
    }
  });

  it('complaints: the upheld one and the void one', () => {
    for (const [c, deal] of [
      [v.complaint_upheld, v.deals[0]],
      [v.complaint_void, v.deals[v.complaint_void.dealer - 1]],
    ]) {
      const base = dealOf(deal);
      const accused = {
        ...base,
        shares: base.shares.map((s) => (s.recipient === c.recipient ? { recipient: c.recipient, ephemeral: el(c.ephemeral), ciphertext: fromHex(c.ciphertext) } : s)),
      };
      const complaint = { dealer: c.dealer, recipient: c.recipient, sharedPoint: el(c.shared_point), proof: proof(c.proof) };
      expect(judgeComplaint(G, v.election, accused, shareKeys[c.recipient - 1], complaint)).toEqual(c.verdict);
    }
  });

  it('outcome: aggregated commitments, public key, verification keys, key shares and their proofs', () => {
    const o = v.outcome;
    const C = aggregateCommitments(G, o.qualified.map((i: number) => v.deals[i - 1].commitments.map(el)));
    expect(C.map((c) => toHex(G.encode(c)))).toEqual(o.aggregated_commitments);
    expect(o.public_key).toBe(o.aggregated_commitments[0]);
    o.verification_keys.forEach((vk: string, k: number) => {
      expect(toHex(G.encode(verificationKey(G, C, k + 1)))).toBe(vk);
      expect(toHex(G.encode(G.multiply(G.generator, sc(o.key_shares[k]))))).toBe(vk);
      expect(verifyKeyShareProof(G, v.election, k + 1, el(vk), proof(o.key_share_proofs[k]))).toBe(true);
    });
  });
});


const decryptionVectors: [string, any][] = read('threshold-decryption.json').map((v: any) => [v.group, v]);

describe.each(decryptionVectors)('threshold-decryption.json (%s)', (_name, v: any) => {
  const G = groupByName(v.group) as Group<unknown>;
  const el = (h: string) => G.decode(fromHex(h));
  const ciphertexts = v.ciphertexts.map((h: string) => decodeCiphertext(G, fromHex(h), v.width));

  it('every partial decryption’s proof verifies against its verification key', () => {
    for (const p of v.partial_decryptions)
      p.factors.forEach((factors: string[], i: number) =>
        expect(
          verifyPartialDecryption(G, v.election, p.trustee, el(v.verification_keys[p.trustee - 1]), ciphertexts[i], {
            factors: factors.map(el),
            proof: decodeSchnorrProof(G, fromHex(p.proofs[i])),
          }),
        ).toBe(true),
      );
  });

  it('every pair of trustees combines to the plaintexts', () => {
    for (const c of v.combinations) {
      const lambdas = lagrangeCoefficients(G, c.trustees);
      expect(lambdas.map((l) => toHex(G.scalars.encode(l)))).toEqual(c.lagrange);
      ciphertexts.forEach((ct: { a: unknown[]; b: unknown[] }, i: number) => {
        const m = ct.b.map((b, k) => {
          const combined = c.trustees.reduce(
            (acc: unknown, j: number, n: number) => G.add(acc, G.multiply(el(v.partial_decryptions[j - 1].factors[i][k]), lambdas[n])),
            G.identity,
          );
          return G.subtract(b, combined);
        });
        expect(m.map((e) => toHex(G.encode(e)))).toEqual(c.plaintext_elements[i]);
        expect(toHex(decodePlaintext(G, m))).toBe(v.plaintexts[i]);
      });
    }
  });
});

/**
 * Vectors of the threshold key ceremony and decryption (docs/crypto.md §8), n = 3, t = 2, for both
 * groups, from fixed seeds: every secret is listed so that each value can be recomputed.
 */
import {
  ciphertextLength,
  combinePartialDecryptions,
  createComplaint,
  createDeal,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  encodePlaintext,
  encodeSchnorrProof,
  encryptShare,
  evaluateCeremony,
  evaluatePolynomial,
  GROUP_NAMES,
  groupByName,
  judgeComplaint,
  lagrangeCoefficients,
  partialDecrypt,
  proveKeyShare,
  proveShareKey,
  randomPolynomial,
  sharedPoint,
  shareEncryptionKey,
  toHex,
  utf8,
  verificationKey,
  type Deal,
  type Group,
} from '@ostraka/crypto';
import { ciphertextListHash } from '@ostraka/protocol';

const ELECTION = 'election-42';
const T = 2;
const N = 3;

const el = (G: Group<unknown>, e: unknown) => toHex(G.encode(e));
const sc = (G: Group<unknown>, s: bigint) => toHex(G.scalars.encode(s));

function ceremony(G: Group<unknown>) {
  const rng = deterministicRandom(`ostraka-vectors/${G.name}/threshold`);
  const trustees = Array.from({ length: N }, (_, k) => {
    const secret = G.scalars.randomNonZero(rng);
    return { index: k + 1, secret, shareKey: G.multiply(G.generator, secret) };
  });
  const identities = trustees.map((t) => ({
    trustee: t.index,
    share_secret: sc(G, t.secret),
    share_key: el(G, t.shareKey),
    share_key_proof: toHex(encodeSchnorrProof(G, proveShareKey(G, ELECTION, t.index, t.secret, t.shareKey, rng))),
  }));
  const polynomials = trustees.map(() => randomPolynomial(G, T, rng));
  const deals = trustees.map((t, k) => createDeal(G, ELECTION, t.index, polynomials[k], trustees.filter((r) => r.index !== t.index), rng));
  const dealVectors = deals.map((d, k) => ({
    dealer: d.dealer,
    coefficients: polynomials[k].map((a) => sc(G, a)),
    commitments: d.commitments.map((A) => el(G, A)),
    proof: toHex(encodeSchnorrProof(G, d.proof)),
    shares: d.shares.map((s) => {
      const recipient = trustees[s.recipient - 1];
      const D = sharedPoint(G, recipient.secret, s.ephemeral);
      const address = { election: ELECTION, dealer: d.dealer, recipient: s.recipient };
      return {
        recipient: s.recipient,
        value: sc(G, evaluatePolynomial(G, polynomials[k], s.recipient)),
        ephemeral: el(G, s.ephemeral),
        shared_point: el(G, D),
        key: toHex(shareEncryptionKey(G, address, recipient.shareKey, s.ephemeral, D)),
        ciphertext: toHex(s.ciphertext),
      };
    }),
  }));
  // Dealer 1 cheats in a second version of its deal: trustee 2 gets a wrong share and complains.
  const wrong = G.scalars.add(evaluatePolynomial(G, polynomials[0], 2), 1n);
  const bad: Deal<unknown> = {
    ...deals[0],
    shares: deals[0].shares.map((s) => (s.recipient === 2 ? encryptShare(G, { election: ELECTION, dealer: 1, recipient: 2 }, trustees[1].shareKey, wrong, rng) : s)),
  };
  const upheld = createComplaint(G, ELECTION, bad, trustees[1], rng);
  const falseComplaint = createComplaint(G, ELECTION, deals[1], trustees[2], rng);
  const complaintVector = (deal: Deal<unknown>, c: typeof upheld) => ({
    dealer: c.dealer,
    recipient: c.recipient,
    ephemeral: el(G, deal.shares.find((s) => s.recipient === c.recipient)!.ephemeral),
    ciphertext: toHex(deal.shares.find((s) => s.recipient === c.recipient)!.ciphertext),
    shared_point: el(G, c.sharedPoint),
    proof: toHex(encodeSchnorrProof(G, c.proof)),
    verdict: judgeComplaint(G, ELECTION, deal, trustees[c.recipient - 1].shareKey, c),
  });
  const shareKeys = new Map(trustees.map((t) => [t.index, t.shareKey]));
  const outcome = evaluateCeremony(G, { election: ELECTION, threshold: T, count: N }, deals, [], shareKeys);
  const keyShares = trustees.map((t) => outcome.qualified.reduce((x, i) => G.scalars.add(x, evaluatePolynomial(G, polynomials[i - 1], t.index)), 0n));
  const vks = trustees.map((t) => verificationKey(G, outcome.commitments, t.index));
  return { rng, trustees, identities, dealVectors, wrong, bad, upheld, falseComplaint, complaintVector, deals, outcome, keyShares, vks };
}

function dkg(G: Group<unknown>) {
  const c = ceremony(G);
  return {
    group: G.name,
    election: ELECTION,
    threshold: T,
    count: N,
    trustees: c.identities,
    deals: c.dealVectors,
    complaint_upheld: { ...c.complaintVector(c.bad, c.upheld), wrong_share: sc(G, c.wrong) },
    complaint_void: c.complaintVector(c.deals[1], c.falseComplaint),
    outcome: {
      qualified: c.outcome.qualified,
      aggregated_commitments: c.outcome.commitments.map((C) => el(G, C)),
      public_key: el(G, c.outcome.publicKey),
      verification_keys: c.vks.map((v) => el(G, v)),
      key_shares: c.keyShares.map((x) => sc(G, x)),
      key_share_proofs: c.trustees.map((t, k) => toHex(encodeSchnorrProof(G, proveKeyShare(G, ELECTION, t.index, c.keyShares[k], c.vks[k], c.rng)))),
    },
  };
}

function decryption(G: Group<unknown>) {
  const c = ceremony(G);
  const rng = deterministicRandom(`ostraka-vectors/${G.name}/threshold-decryption`);
  const scheme = new ElGamal(G, c.outcome.publicKey);
  const plaintexts = ['yes', 'a write-in answer over two elements'];
  const width = 2;
  const ciphertexts = plaintexts.map((p) => scheme.encrypt(encodePlaintext(G, utf8(p), width), rng).ciphertext);
  const packed = new Uint8Array(ciphertexts.length * ciphertextLength(G, width));
  ciphertexts.forEach((ct, i) => packed.set(encodeCiphertext(G, ct), i * ciphertextLength(G, width)));
  const partials = c.trustees.map((t, k) => ciphertexts.map((ct) => partialDecrypt(G, ELECTION, t.index, c.keyShares[k], c.vks[k], ct, rng)));
  const combination = (set: number[]) => ({
    trustees: set,
    lagrange: lagrangeCoefficients(G, set).map((l) => sc(G, l)),
    plaintext_elements: combinePartialDecryptions(
      G,
      ciphertexts,
      set.map((j) => ({ trustee: j, factors: partials[j - 1].map((p) => p.factors) })),
      T,
    ).map((m) => m.map((e) => el(G, e))),
  });
  return {
    group: G.name,
    election: ELECTION,
    threshold: T,
    public_key: el(G, c.outcome.publicKey),
    verification_keys: c.vks.map((v) => el(G, v)),
    key_shares: c.keyShares.map((x) => sc(G, x)),
    width,
    plaintexts: plaintexts.map((p) => toHex(utf8(p))),
    ciphertexts: ciphertexts.map((ct) => toHex(encodeCiphertext(G, ct))),
    list_hash: toHex(ciphertextListHash(G.name, ELECTION, width, ciphertexts.length, packed)),
    partial_decryptions: c.trustees.map((t, k) => ({
      trustee: t.index,
      factors: partials[k].map((p) => p.factors.map((d) => el(G, d))),
      proofs: partials[k].map((p) => toHex(encodeSchnorrProof(G, p.proof))),
    })),
    combinations: [combination([1, 2]), combination([1, 3]), combination([2, 3])],
  };
}

export function thresholdVectorFiles(): Record<string, unknown> {
  const groups = GROUP_NAMES.map(groupByName);
  return {
    'threshold-dkg.json': groups.map(dkg),
    'threshold-decryption.json': groups.map(decryption),
  };
}

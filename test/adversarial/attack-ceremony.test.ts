/**
 * Known attacks by up to t − 1 corrupt trustees, through the board (docs/crypto.md §8,
 * docs/transcript.md §10.5): a rogue key (a constant term chosen from the others' so that the
 * joint key is one the attacker knows, without a proof of knowledge); identities carrying another
 * trustee's share key; finalizations without a valid proof of knowledge of the key share;
 * malformed, non-canonical, off-group and identity elements and out-of-range scalars in every
 * field of every trustee file; forged partial decryptions (wrong factors with a weak-challenge
 * proof, proofs copied from another trustee, undecodable factors). The corrupt trustees are
 * refused or left out, and the honest ones still complete the election with the right count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  combinePartialDecryptions,
  concatBytes,
  createDeal,
  decodePlaintext,
  utf8,
  dealContext,
  decryptionContext,
  encodeSchnorrProof,
  fromHex,
  groupByName,
  proveSchnorr,
  randomPolynomial,
  toHex,
  type Deal,
  type Group,
  type SigningKey,
} from '@ostraka/crypto';
import {
  canonicalJson,
  decodeCiphertextRange,
  encodeBallot,
  openCiphertextList,
  signDeal,
  signPayload,
  tallyBallots,
  type CiphertextListFile,
  type Json,
  type TypedPayload,
} from '@ostraka/protocol';
import { PLAINTEXTS_TYPE, tallyElection } from '@ostraka/election';
import { fileText, mixInProcess, type InProcessTrustee } from '@ostraka/election/testing';
import { answers } from './support/ballots.js';
import { badElements, badScalars } from './support/bad-encodings.js';
import { refusal } from './support/refusal.js';
import { servedBoard, type ServedBoard } from './support/served-election.js';
import { StepwiseCeremony } from './support/stepwise-ceremony.js';
import { forgeDleqWeak, verifyDleqWeak } from './support/weak-fiat-shamir.js';
import { auditElection } from './support/verifier.js';

type E = unknown;
const G = groupByName('ristretto255') as Group<E>;
const hexOf = (e: E) => toHex(G.encode(e));

let board: ServedBoard;
beforeAll(async () => {
  board = await servedBoard();
});
afterAll(async () => board?.close());

/** A trustee file with one payload change, signed again by its author (so only the change is wrong). */
function resigned<P extends TypedPayload>(key: SigningKey, file: { payload: P }, change: (p: any) => void): { payload: P; signature: string } {
  const payload = structuredClone(file.payload) as any;
  change(payload);
  return signPayload(key, payload);
}

const relay = (c: StepwiseCeremony, kind: Parameters<StepwiseCeremony['fx']['authority']['relayDocument']>[0], trustee: number, file: unknown) =>
  c.fx.authority.relayDocument(kind, trustee, fileText(file));

/** Casts one ballot per voter, closes, mixes in process; returns the answers cast. */
async function voteAndMix(c: StepwiseCeremony, voters: number) {
  await c.openVoting(voters);
  const codes = [...c.fx.credentials.keys()];
  const cast = codes.map((_, i) => answers(20 + i));
  for (const [i, code] of codes.entries()) await c.fx.vote(code, cast[i]);
  await c.fx.closeAndStartMixing();
  await mixInProcess(c.fx.client, c.fx.mixKeys[0], c.fx.manifest, c.fx.jointKey, await c.fx.authority.consensusId(), 1);
  return cast;
}

describe('rogue keys', () => {
  it('a rogue deal (a constant term chosen from the others’, without a proof of knowledge of it) is refused; the joint key excludes it and the election completes', async () => {
    const c = await StepwiseCeremony.draft(board, 'rogue-deal');
    await c.postIdentities();
    await c.authorise();
    const [t1, t2, t3] = c.fx.trustees;
    for (const t of [t1, t2]) {
      const deal = t.deal(c.fx.roster);
      c.deals.push(deal);
      await relay(c, 'dkg.deal', t.index, deal);
    }
    // Trustee 3 has seen deals 1 and 2: A_30 = g^r / (A_10·A_20) would make the joint key g^r.
    const r = G.scalars.randomNonZero();
    const target = G.multiply(G.generator, r);
    const others = c.deals.map((d) => G.decode(fromHex(d.payload.commitments[0])));
    const A30 = others.reduce((acc, A) => G.subtract(acc, A), target);
    const shape = createDeal(G, c.fx.id, 3, randomPolynomial(G, 2), [1, 2].map((j) => ({ index: j, shareKey: G.decode(fromHex(c.fx.roster.trustees[j - 1].payload.shareKey)) })));
    // It cannot prove knowledge of log A_30: it proves knowledge of r (for g^r) instead, or copies dealer 1's proof.
    const rogue: Deal<E> = { ...shape, commitments: [A30, shape.commitments[1]], proof: proveSchnorr(G, dealContext(c.fx.id, 3), r, target) };
    expect((await refusal(relay(c, 'dkg.deal', 3, signDeal(t3.signingKey, G, c.fx.id, rogue)), 400, 'BAD_DOCUMENT')).message).toMatch(/proof of knowledge/);
    const copied = { ...rogue, proof: { challenge: G.scalars.decode(fromHex(c.deals[0].payload.proof).subarray(0, 32)), response: G.scalars.decode(fromHex(c.deals[0].payload.proof).subarray(32)) } };
    await refusal(relay(c, 'dkg.deal', 3, signDeal(t3.signingKey, G, c.fx.id, copied)), 400, 'BAD_DOCUMENT');
    // Trustee 3 posts no deal: it is not qualified, and the joint key is A_10·A_20.
    await c.postComplaints();
    await c.finalize([1, 2]);
    const status = await c.fx.authority.status();
    expect(status.qualified).toEqual([1, 2]);
    const honestKey = others.reduce((acc, A) => G.add(acc, A), G.identity);
    expect(status.joint_key).toBe(hexOf(honestKey));
    expect(status.joint_key).not.toBe(hexOf(target));
    // Trustees 1 and 2 (t = 2) decrypt; the count is what was cast, and the transcript verifies.
    const cast = await voteAndMix(c, 3);
    await c.fx.decrypt([1, 2]);
    const outcome = await tallyElection(c.fx.authority);
    expect(outcome.tally).toEqual(tallyBallots(c.fx.manifest.questions, cast.map((a) => encodeBallot(c.fx.manifest.questions, a))));
    const audit = await auditElection(board.url, c.fx.id);
    expect(audit.failures).toEqual([]);
    expect(audit.code).toBe(0);
  });

  it('an identity carrying another trustee’s share key, or another election’s, is refused', async () => {
    const c = await StepwiseCeremony.draft(board, 'rogue-identity');
    const [t1, t2] = c.fx.trustees;
    const id1 = t1.identity();
    const id2 = t2.identity();
    // Trustee 2 claims trustee 1's share key (to receive its shares, or to frame it), with trustee 1's proof.
    const stolen = resigned(t2.signingKey, id2, (p) => Object.assign(p, { shareKey: id1.payload.shareKey, shareKeyProof: id1.payload.shareKeyProof }));
    expect((await refusal(relay(c, 'trustee.identity', 2, stolen), 400, 'BAD_DOCUMENT')).message).toMatch(/proof/);
    // Trustee 1's own identity relayed as trustee 2's.
    expect((await refusal(relay(c, 'trustee.identity', 2, id1), 400, 'BAD_DOCUMENT')).message).toMatch(/trustee 1/);
    // Trustee 2's identity of another election, re-labelled and re-signed (its proof names the other election).
    const other = resigned(t2.signingKey, id2, (p) => (p.election = 'another-election'));
    await refusal(relay(c, 'trustee.identity', 2, other), 400, 'BAD_DOCUMENT');
    const back = resigned(t2.signingKey, other, (p) => (p.election = c.fx.id));
    expect(fileText(back)).toBe(fileText(id2));
    // The honest identities still go through.
    await c.postIdentities();
    expect((await c.fx.authority.status()).documents['trustee.identity']).toEqual([1, 2, 3]);
  });

  it('a finalization without a valid proof of knowledge of the key share, or with another trustee’s, is refused', async () => {
    const c = await StepwiseCeremony.draft(board, 'rogue-finalization');
    await c.postIdentities();
    await c.authorise();
    await c.postDeals();
    await c.postComplaints();
    const [t1, t2, t3] = c.fx.trustees;
    const f1 = t1.finalize(c.fx.roster, c.deals, c.complaints);
    const f2 = t2.finalize(c.fx.roster, c.deals, c.complaints);
    // Trustee 3 never shows it can decrypt: a proof for its vk made without x_3, or trustee 2's proof.
    const x = G.scalars.randomNonZero();
    const noKnowledge = resigned(t3.signingKey, f2, (p) => Object.assign(p, { trustee: 3, verificationKey: t3.finalize(c.fx.roster, c.deals, c.complaints).payload.verificationKey, proof: toHex(encodeSchnorrProof(G, proveSchnorr(G, dealContext(c.fx.id, 3), x, G.multiply(G.generator, x)))) }));
    await refusal(relay(c, 'dkg.finalization', 3, noKnowledge), 400, 'BAD_DOCUMENT');
    const copied = resigned(t3.signingKey, f2, (p) => (p.trustee = 3));
    await refusal(relay(c, 'dkg.finalization', 3, copied), 400, 'BAD_DOCUMENT');
    // A finalization reporting another joint key.
    const otherKey = resigned(t1.signingKey, f1, (p) => (p.publicKey = hexOf(G.multiply(G.generator, x))));
    await refusal(relay(c, 'dkg.finalization', 1, otherKey), 400, 'BAD_DOCUMENT');
    await relay(c, 'dkg.finalization', 1, f1);
    await relay(c, 'dkg.finalization', 2, f2);
    expect((await c.fx.authority.status()).documents['dkg.finalization']).toEqual([1, 2]);
  });
});

describe('malformed encodings in every field of every trustee file, and forged partial decryptions', () => {
  it('refuses every bad element and scalar when the file is relayed; then the honest ceremony and election complete', async () => {
    const c = await StepwiseCeremony.draft(board, 'bad-files', { threshold: 2, count: 5 });
    const t = c.fx.trustees;
    const refusals: string[] = [];
    /** Every bad element (or scalar) in `field` of `file`, re-signed by its author, is refused by the board. */
    async function tryAll(kind: Parameters<typeof relay>[1], trustee: InProcessTrustee, file: { payload: TypedPayload }, fields: Record<string, 'element' | 'scalar-pair'>) {
      for (const [path, what] of Object.entries(fields)) {
        const bads =
          what === 'element'
            ? badElements(G).map((b) => ({ name: b.name, hex: toHex(b.bytes) }))
            : badScalars(G).flatMap((b) => [
                { name: `challenge ${b.name}`, hex: toHex(concatBytes(b.bytes, G.scalars.encode(1n))) },
                { name: `response ${b.name}`, hex: toHex(concatBytes(G.scalars.encode(1n), b.bytes)) },
              ]);
        for (const bad of bads) {
          const changed = resigned(trustee.signingKey, file, (p) => setPath(p, path, bad.hex));
          const r = await refusal(relay(c, kind, trustee.index, changed));
          expect([kind, path, bad.name, r.status, r.code]).toEqual([kind, path, bad.name, 400, 'BAD_DOCUMENT']);
          refusals.push(`${kind} ${path}: ${bad.name}`);
        }
      }
    }

    await tryAll('trustee.identity', t[0], t[0].identity(), { shareKey: 'element', shareKeyProof: 'scalar-pair' });
    await c.postIdentities();
    await c.authorise();
    const deal = t[0].deal(c.fx.roster);
    await tryAll('dkg.deal', t[0], deal, { 'commitments.0': 'element', 'commitments.1': 'element', proof: 'scalar-pair', 'shares.0.ephemeral': 'element', 'shares.3.ephemeral': 'element' });
    await c.postDeals();
    const complaints = t[0].receive(c.fx.roster, c.deals);
    const withOne = resigned(t[0].signingKey, complaints, (p) => (p.complaints = [{ dealer: 2, sharedPoint: hexOf(G.generator), proof: toHex(concatBytes(G.scalars.encode(1n), G.scalars.encode(1n))) }]));
    await tryAll('dkg.complaints', t[0], withOne, { 'complaints.0.sharedPoint': 'element', 'complaints.0.proof': 'scalar-pair' });
    await c.postComplaints();
    const finalization = t[0].finalize(c.fx.roster, c.deals, c.complaints);
    await tryAll('dkg.finalization', t[0], finalization, { publicKey: 'element', verificationKey: 'element', proof: 'scalar-pair' });
    expect(refusals.length).toBeGreaterThan(60);
    // The refused files changed nothing: the honest ceremony completes with all five trustees.
    await c.finalize();
    expect((await c.fx.authority.status()).qualified).toEqual([1, 2, 3, 4, 5]);
    const cast = await voteAndMix(c, 3);

    const list = await c.fx.authority.startDecrypting();
    const honest = (j: number) => t[j - 1].decrypt(list);
    const keyShareOf = (j: number) => (t[j - 1] as unknown as { keyShare: bigint }).keyShare;
    const opened = openCiphertextList(G, c.fx.id, list as CiphertextListFile);
    const ciphertexts = decodeCiphertextRange(G, opened.packed, opened.width, 0, opened.count);
    // Trustee 1: wrong factors, each with a proof that a weak-Fiat–Shamir verifier accepts.
    const forged = ciphertexts.map((ct) => forgeDleqWeak(G, decryptionContext(c.fx.id, 1), keyShareOf(1), [G.generator, ...ct.a], () => crypto.getRandomValues(new Uint8Array(32))));
    forged.forEach((f, i) => expect(verifyDleqWeak(G, decryptionContext(c.fx.id, 1), { bases: [G.generator, ...ciphertexts[i].a], publics: f.publics }, f.proof)).toBe(true));
    const weak = resigned(t[0].signingKey, honest(1), (p) =>
      Object.assign(p, {
        factors: toHex(concatBytes(...forged.map((f) => G.encodeMany(f.publics.slice(1))))),
        proofs: toHex(concatBytes(...forged.map((f) => encodeSchnorrProof(G, f.proof)))),
      }),
    );
    // Trustee 2: trustee 3's factors and proofs, signed as its own.
    const copied = resigned(t[1].signingKey, honest(3), (p) => (p.trustee = 2));
    // Trustee 4: a factor that is the identity.
    const identity = resigned(t[3].signingKey, honest(4), (p) => (p.factors = '00'.repeat(G.elementLength) + p.factors.slice(2 * G.elementLength)));
    // The board checks structure and signatures only (docs/transcript.md §10.5): it records all three.
    await relay(c, 'decryption.partial', 1, weak);
    await relay(c, 'decryption.partial', 2, copied);
    await relay(c, 'decryption.partial', 4, identity);
    // With only forged files and one honest trustee (t = 2), decryption refuses to produce anything.
    await relay(c, 'decryption.partial', 3, honest(3));
    await expect(tallyElection(c.fx.authority)).rejects.toThrow(/needs valid partial decryptions from 2 trustees, got 1/);
    await relay(c, 'decryption.partial', 5, honest(5));
    const outcome = await tallyElection(c.fx.authority);
    expect(outcome.decryptions).toEqual([3, 5]);
    expect(outcome.rejected.map((x) => x.trustee).sort()).toEqual([1, 2, 4]);
    expect(outcome.tally).toEqual(tallyBallots(c.fx.manifest.questions, cast.map((a) => encodeBallot(c.fx.manifest.questions, a))));
    // The forged files stay on the log, unused: the transcript is valid.
    const audit = await auditElection(board.url, c.fx.id);
    expect(audit.failures).toEqual([]);
    expect(audit.code).toBe(0);
  });

  it('a corrupt authority tallies with a forged partial decryption: the board records it, the verifier refuses the transcript', async () => {
    const c = await StepwiseCeremony.draft(board, 'corrupt-tally');
    await c.postIdentities();
    await c.authorise();
    await c.postDeals();
    await c.postComplaints();
    await c.finalize();
    const cast = await voteAndMix(c, 3);
    const t = c.fx.trustees;
    const list = await c.fx.authority.startDecrypting();
    const opened = openCiphertextList(G, c.fx.id, list as CiphertextListFile);
    const ciphertexts = decodeCiphertextRange(G, opened.packed, opened.width, 0, opened.count);
    // Trustee 1 (colluding) forges factors with weak-challenge proofs; trustee 2 is honest.
    const x1 = (t[0] as unknown as { keyShare: bigint }).keyShare;
    const forged = ciphertexts.map((ct) => forgeDleqWeak(G, decryptionContext(c.fx.id, 1), x1, [G.generator, ...ct.a], () => crypto.getRandomValues(new Uint8Array(32))));
    const weak = resigned(t[0].signingKey, t[0].decrypt(list), (p) =>
      Object.assign(p, {
        factors: toHex(concatBytes(...forged.map((f) => G.encodeMany(f.publics.slice(1))))),
        proofs: toHex(concatBytes(...forged.map((f) => encodeSchnorrProof(G, f.proof)))),
      }),
    );
    const honest2 = t[1].decrypt(list);
    await relay(c, 'decryption.partial', 1, weak);
    await relay(c, 'decryption.partial', 2, honest2);
    // The authority combines without checking proofs, and publishes what comes out.
    const factorsOf = (hexFactors: string) => ciphertexts.map((_, i) => G.decodeMany(fromHex(hexFactors), opened.width, 'factors', i * opened.width * G.elementLength));
    const combined = combinePartialDecryptions(G, ciphertexts, [{ trustee: 1, factors: factorsOf(weak.payload.factors) }, { trustee: 2, factors: factorsOf(honest2.payload.factors) }], 2);
    const plaintexts = combined.map((m) => {
      try {
        return toHex(decodePlaintext(G, m));
      } catch {
        return null;
      }
    });
    const file = { type: PLAINTEXTS_TYPE, election: c.fx.id, list: list.hash, plaintexts };
    const text = canonicalJson(file as unknown as Json);
    await c.fx.authority.relayDocument('election.plaintexts', 0, text);
    const tally = tallyBallots(c.fx.manifest.questions, plaintexts.map((h) => (h === null ? null : fromHex(h))));
    expect(tally).not.toEqual(tallyBallots(c.fx.manifest.questions, cast.map((a) => encodeBallot(c.fx.manifest.questions, a))));
    await c.fx.authority.transition('tallied', { decryptions: [1, 2], plaintexts_hash: toHex(sha256(utf8(text))), tally: tally as unknown as Json });
    expect((await c.fx.authority.status()).state).toBe('tallied');
    // The verifier checks every proof of the trustees the tally names, and recounts.
    const audit = await auditElection(board.url, c.fx.id);
    expect(audit.code, audit.stderr).toBe(1);
    expect(audit.failures.join('\n')).toMatch(/partial|decrypt|proof/i);
  });
});

/** Sets `a.b.0.c` in a JSON object. */
function setPath(value: any, path: string, to: Json): void {
  const keys = path.split('.');
  let at = value;
  for (const k of keys.slice(0, -1)) at = at[/^\d+$/.test(k) ? Number(k) : k];
  at[keys[keys.length - 1]] = to;
}

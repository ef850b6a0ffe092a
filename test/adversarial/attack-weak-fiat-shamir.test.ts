/**
 * Known attack: weak Fiat–Shamir (Bernhard, Pereira, Warinschi 2012; the Helios and SwissPost
 * breaks). Every proof type of ostraka is replayed against a changed statement: another key,
 * other ciphertexts, other plaintexts (decryption factors, the b half of a ballot), other labels
 * (election, trustee, round, credential, protocol step). Each replay must fail. Where the weak
 * transform admits an actual forgery (a wrong decryption factor, a false complaint, a ballot
 * whose plaintext half is swapped), the forgery is built and shown to pass a weak verifier and
 * fail ostraka's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complaintContext,
  createComplaint,
  createDeal,
  decryptionContext,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  generateKeyPair,
  generateSigningKey,
  GROUP_NAMES,
  groupByName,
  judgeComplaint,
  openShare,
  partialDecrypt,
  PartialDecryptionVerifier,
  proveEncryption,
  proveKeyShare,
  proveSchnorr,
  proveShareKey,
  randomPolynomial,
  dealContext,
  verifyDleq,
  verifyEncryption,
  verifyKeyShareProof,
  verifyPartialDecryption,
  verifySchnorr,
  verifyShareKeyProof,
  type Group,
} from '@ostraka/crypto';
import { signEnvelope, verifyEntryStatement, signKeyPossession, signNegotiationText, keyId, verifyKeyPossession, verifyNegotiationText } from '@ostraka/protocol/log';
import { shuffleAndProve, verifyShuffle } from '@ostraka/shuffle';
import { forgeDleqWeak, proveEncryptionWeak, verifyDleqWeak, verifyEncryptionWeak } from './support/weak-fiat-shamir.js';

type E = unknown;
const RUNS = { numRuns: 6 };
const electionId = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const twoIndices = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })).filter(([a, b]) => a !== b);

describe.each(GROUP_NAMES)('weak Fiat–Shamir over %s', (name) => {
  const G = groupByName(name) as Group<E>;
  const S = G.scalars;
  const randomElement = () => G.multiply(G.generator, S.randomNonZero());

  it('Schnorr proofs of the ceremony (share key, deal constant term, key share) fail for another key, election, trustee or step', () => {
    fc.assert(
      fc.property(electionId, electionId, twoIndices, (election, otherElection, [j, other]) => {
        fc.pre(election !== otherElection);
        const x = S.randomNonZero();
        const X = G.multiply(G.generator, x);
        const Y = randomElement();
        const shareKeyProof = proveShareKey(G, election, j, x, X);
        expect(verifyShareKeyProof(G, election, j, X, shareKeyProof)).toBe(true);
        expect(verifyShareKeyProof(G, election, j, Y, shareKeyProof)).toBe(false); // another key
        expect(verifyShareKeyProof(G, otherElection, j, X, shareKeyProof)).toBe(false); // another election
        expect(verifyShareKeyProof(G, election, other, X, shareKeyProof)).toBe(false); // presented by another trustee
        expect(verifyKeyShareProof(G, election, j, X, shareKeyProof)).toBe(false); // as another step's proof
        expect(verifySchnorr(G, dealContext(election, j), X, shareKeyProof)).toBe(false);

        const dealProof = proveSchnorr(G, dealContext(election, j), x, X);
        expect(verifySchnorr(G, dealContext(election, j), X, dealProof)).toBe(true);
        expect(verifySchnorr(G, dealContext(election, other), X, dealProof)).toBe(false); // another dealer
        expect(verifySchnorr(G, dealContext(election, j), Y, dealProof)).toBe(false);
        expect(verifyShareKeyProof(G, election, j, X, dealProof)).toBe(false);

        const keyShareProof = proveKeyShare(G, election, j, x, X);
        expect(verifyKeyShareProof(G, election, j, X, keyShareProof)).toBe(true);
        expect(verifyKeyShareProof(G, election, other, X, keyShareProof)).toBe(false);
        expect(verifyKeyShareProof(G, otherElection, j, X, keyShareProof)).toBe(false);
        expect(verifyKeyShareProof(G, election, j, Y, keyShareProof)).toBe(false);
      }),
      RUNS,
    );
  });

  it('a partial decryption proof fails for another factor, ciphertext, verification key, election or trustee', () => {
    const keys = generateKeyPair(G);
    const elgamal = new ElGamal(G, keys.public);
    fc.assert(
      fc.property(electionId, electionId, twoIndices, fc.integer({ min: 1, max: 3 }), (election, otherElection, [j, other], width) => {
        fc.pre(election !== otherElection);
        const x = S.randomNonZero();
        const vk = G.multiply(G.generator, x);
        const ct = elgamal.encrypt(Array.from({ length: width }, randomElement)).ciphertext;
        const partial = partialDecrypt(G, election, j, x, vk, ct);
        const verifier = (el = election, t = j, key = vk) => new PartialDecryptionVerifier(G, el, t, key);
        expect(verifyPartialDecryption(G, election, j, vk, ct, partial)).toBe(true);
        expect(verifier().verify(ct, partial)).toBe(true);
        const wrongFactor = { ...partial, factors: partial.factors.map((d, k) => (k === width - 1 ? G.add(d, G.generator) : d)) };
        const otherCt = elgamal.reEncrypt(ct).ciphertext;
        const otherVk = randomElement();
        for (const [what, ok] of [
          ['factor', verifyPartialDecryption(G, election, j, vk, ct, wrongFactor)],
          ['factor (table verifier)', verifier().verify(ct, wrongFactor)],
          ['ciphertext', verifyPartialDecryption(G, election, j, vk, otherCt, partial)],
          ['ciphertext (table verifier)', verifier().verify(otherCt, partial)],
          ['verification key', verifyPartialDecryption(G, election, j, otherVk, ct, partial)],
          ['verification key (table verifier)', verifier(election, j, otherVk).verify(ct, partial)],
          ['election', verifyPartialDecryption(G, otherElection, j, vk, ct, partial)],
          ['trustee', verifyPartialDecryption(G, election, other, vk, ct, partial)],
          ['trustee (table verifier)', verifier(election, other).verify(ct, partial)],
        ] as const)
          expect([what, ok]).toEqual([what, false]);
      }),
      RUNS,
    );
  });

  it('a wrong decryption factor forged for a weak challenge passes the weak verifier and fails ostraka’s', () => {
    const rng = deterministicRandom(`weak-dleq/${name}`);
    // One trustee holding the whole key (t = 1), so that the wrong factor changes the plaintext.
    const keys = generateKeyPair(G, rng);
    const elgamal = new ElGamal(G, keys.public);
    const m = [randomElement(), randomElement()];
    const ct = elgamal.encrypt(m, rng).ciphertext;
    const context = decryptionContext('weak-fs', 1);
    const forged = forgeDleqWeak(G, context, keys.secret, [G.generator, ...ct.a], rng);
    const statement = { bases: [G.generator, ...ct.a], publics: forged.publics };
    expect(G.equals(forged.publics[0], keys.public)).toBe(true);
    // The factors are wrong: decrypting with them gives another plaintext.
    const decrypted = ct.b.map((b, k) => G.subtract(b, forged.publics[k + 1]));
    expect(decrypted.some((d, k) => !G.equals(d, m[k]))).toBe(true);
    // Under the weak transform the proof is valid; under ostraka's it is not.
    expect(verifyDleqWeak(G, context, statement, forged.proof)).toBe(true);
    expect(verifyDleq(G, context, statement, forged.proof)).toBe(false);
    const partial = { factors: forged.publics.slice(1), proof: forged.proof };
    expect(verifyPartialDecryption(G, 'weak-fs', 1, keys.public, ct, partial)).toBe(false);
    expect(new PartialDecryptionVerifier(G, 'weak-fs', 1, keys.public).verify(ct, partial)).toBe(false);
  });

  it('a false complaint with a weak-challenge proof would disqualify an honest dealer; ostraka finds it void', () => {
    const rng = deterministicRandom(`weak-complaint/${name}`);
    const election = 'complaints';
    const holders = [1, 2, 3].map((index) => {
      const secret = S.randomNonZero(rng);
      return { index, secret, shareKey: G.multiply(G.generator, secret) };
    });
    const deal = createDeal(G, election, 1, randomPolynomial(G, 2, rng), holders.slice(1), rng);
    const honest = createComplaint(G, election, deal, holders[1], rng);
    // The dealer is honest: a true complaint by trustee 2 is judged false.
    expect(judgeComplaint(G, election, deal, holders[1].shareKey, honest)).toMatchObject({ upheld: false });
    // Trustee 2 forges a shared point D that fails to open the share, with a weak-challenge proof.
    const ephemeral = deal.shares.find((s) => s.recipient === 2)!.ephemeral;
    const context = complaintContext(election, 1, 2);
    const forged = forgeDleqWeak(G, context, holders[1].secret, [G.generator, ephemeral], rng);
    const lie = { dealer: 1, recipient: 2, sharedPoint: forged.publics[1], proof: forged.proof };
    expect(verifyDleqWeak(G, context, { bases: [G.generator, ephemeral], publics: forged.publics }, forged.proof)).toBe(true);
    const encrypted = deal.shares.find((s) => s.recipient === 2)!;
    expect(openShare(G, { election, dealer: 1, recipient: 2 }, holders[1].shareKey, encrypted, lie.sharedPoint).ok).toBe(false);
    // ostraka's judge checks the strong proof first: the complaint is void and the dealer stays.
    const verdict = judgeComplaint(G, election, deal, holders[1].shareKey, lie);
    expect(verdict.upheld).toBe(false);
    expect(verdict.reason).toMatch(/proof/);
    // An honest complaint's proof does not carry over to another dealer or complainant either.
    expect(verifyDleq(G, complaintContext(election, 2, 2), { bases: [G.generator, ephemeral], publics: [holders[1].shareKey, honest.sharedPoint] }, honest.proof)).toBe(false);
    expect(verifyDleq(G, complaintContext(election, 1, 3), { bases: [G.generator, ephemeral], publics: [holders[1].shareKey, honest.sharedPoint] }, honest.proof)).toBe(false);
  });

  it('a ballot proof fails for another credential, election, key or ciphertext; a weak one lets the plaintext half change', () => {
    const keys = generateKeyPair(G);
    const elgamal = new ElGamal(G, keys.public);
    fc.assert(
      fc.property(electionId, electionId, fc.integer({ min: 1, max: 3 }), (election, otherElection, width) => {
        fc.pre(election !== otherElection);
        const context = { election, step: 'ballot' };
        const credential = generateSigningKey().publicKey;
        const { ciphertext, randomness } = elgamal.encrypt(Array.from({ length: width }, randomElement));
        const proof = proveEncryption(G, context, credential, keys.public, ciphertext, randomness);
        expect(verifyEncryption(G, context, credential, keys.public, ciphertext, proof)).toBe(true);
        const b = ciphertext.b.map((x, k) => (k === 0 ? G.add(x, G.generator) : x));
        const a = ciphertext.a.map((x, k) => (k === width - 1 ? G.add(x, G.generator) : x));
        for (const [what, ok] of [
          ['credential (Cortier–Smyth copy)', verifyEncryption(G, context, generateSigningKey().publicKey, keys.public, ciphertext, proof)],
          ['election', verifyEncryption(G, { election: otherElection, step: 'ballot' }, credential, keys.public, ciphertext, proof)],
          ['step', verifyEncryption(G, { election, step: 'mix/1' }, credential, keys.public, ciphertext, proof)],
          ['public key', verifyEncryption(G, context, credential, randomElement(), ciphertext, proof)],
          ['plaintext half b', verifyEncryption(G, context, credential, keys.public, { a: ciphertext.a, b }, proof)],
          ['randomness half a', verifyEncryption(G, context, credential, keys.public, { a, b: ciphertext.b }, proof)],
          ['re-randomised copy', verifyEncryption(G, context, credential, keys.public, elgamal.reEncrypt(ciphertext).ciphertext, proof)],
        ] as const)
          expect([what, ok]).toEqual([what, false]);
        // The weak variant: its proof survives a change of the plaintext half.
        const weak = proveEncryptionWeak(G, context, credential, randomness, deterministicRandom(election));
        expect(verifyEncryptionWeak(G, context, credential, ciphertext, weak)).toBe(true);
        expect(verifyEncryptionWeak(G, context, credential, { a: ciphertext.a, b }, weak)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a shuffle proof fails for other inputs, outputs, key, election or round', () => {
    const keys = generateKeyPair(G);
    const elgamal = new ElGamal(G, keys.public);
    const cts = Array.from({ length: 3 }, () => elgamal.encrypt([randomElement(), randomElement()]).ciphertext);
    const inputs = new Uint8Array(cts.flatMap((c) => [...encodeCiphertext(G, c)]));
    const statement = { group: name, publicKey: G.encode(keys.public), width: 2, election: 'weak-fs-shuffle', round: 2 };
    const { outputs, proof } = shuffleAndProve(statement, inputs);
    expect(verifyShuffle(statement, inputs, outputs, proof).ok).toBe(true);
    const C = 4 * G.elementLength;
    const replaced = (list: Uint8Array, i: number) => {
      const out = list.slice();
      out.set(encodeCiphertext(G, elgamal.encrypt([randomElement(), randomElement()]).ciphertext), i * C);
      return out;
    };
    for (const [what, ok] of [
      ['inputs', verifyShuffle(statement, replaced(inputs, 1), outputs, proof).ok],
      ['outputs', verifyShuffle(statement, inputs, replaced(outputs, 2), proof).ok],
      ['public key', verifyShuffle({ ...statement, publicKey: G.encode(randomElement()) }, inputs, outputs, proof).ok],
      ['election', verifyShuffle({ ...statement, election: 'another' }, inputs, outputs, proof).ok],
      ['round', verifyShuffle({ ...statement, round: 1 }, inputs, outputs, proof).ok],
    ] as const)
      expect([what, ok]).toEqual([what, false]);
  });
});

describe('signatures are bound to their labels (board, entry type, signer, negotiation)', () => {
  it('an entry signature fails on another board, as another type or under another signer', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), fc.stringMatching(/^[0-9a-f]{32}$/), (board, otherBoard) => {
        fc.pre(board !== otherBoard);
        const key = generateSigningKey();
        const payload = { operation: 'create', resource: 'message', data: 'x' };
        const env = signEnvelope(key, board, 'message.inbox', payload);
        const statement = { board, type: 'message.inbox', signer: env.signer, payload };
        expect(verifyEntryStatement(key.publicKey, statement, env.signature)).toBe(true);
        expect(verifyEntryStatement(key.publicKey, { ...statement, board: otherBoard }, env.signature)).toBe(false);
        expect(verifyEntryStatement(key.publicKey, { ...statement, type: 'message.outbox' }, env.signature)).toBe(false);
        expect(verifyEntryStatement(key.publicKey, { ...statement, signer: keyId(generateSigningKey().publicKey) }, env.signature)).toBe(false);
        expect(verifyEntryStatement(key.publicKey, { ...statement, payload: { ...payload, data: 'y' } }, env.signature)).toBe(false);
      }),
      RUNS,
    );
  });

  it('a key-possession proof or a negotiation text signature fails on another board or negotiation', () => {
    const key = generateSigningKey();
    const id = keyId(key.publicKey);
    const [board, other] = ['00'.repeat(16), '11'.repeat(16)];
    const proof = signKeyPossession(key, board, id);
    expect(verifyKeyPossession(key.publicKey, board, id, proof)).toBe(true);
    expect(verifyKeyPossession(key.publicKey, other, id, proof)).toBe(false);
    const text = signNegotiationText(key, board, 'ab'.repeat(32), 'manifest');
    expect(verifyNegotiationText(key.publicKey, board, 'ab'.repeat(32), 'manifest', text)).toBe(true);
    expect(verifyNegotiationText(key.publicKey, board, 'cd'.repeat(32), 'manifest', text)).toBe(false);
    expect(verifyNegotiationText(key.publicKey, other, 'ab'.repeat(32), 'manifest', text)).toBe(false);
    expect(verifyNegotiationText(key.publicKey, board, 'ab'.repeat(32), 'another manifest', text)).toBe(false);
  });
});

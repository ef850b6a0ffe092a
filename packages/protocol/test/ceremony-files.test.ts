import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CeremonyFailedError,
  ElGamal,
  encodeCiphertext,
  encodePlaintext,
  encodeSchnorrProof,
  fromHex,
  InsufficientPartialsError,
  partialDecrypt,
  proveKeyShare,
  ristretto255Group,
  toHex,
  utf8,
  decodePlaintext,
  VerificationError,
  type Group,
} from '@ostraka/crypto';
import {
  checkFinalization,
  ciphertextListHash,
  complaintsFileSchema,
  createCiphertextList,
  decodeCiphertextRange,
  dealFileSchema,
  decryptCiphertextList,
  evaluateCeremonyFiles,
  finalizationFileSchema,
  identityFileSchema,
  InvalidFileError,
  openCiphertextList,
  openComplaints,
  openDeal,
  openFinalization,
  openIdentity,
  openPartialDecryptions,
  openRoster,
  parseWith,
  partialDecryptionFileSchema,
  rosterSchema,
  ciphertextListSchema,
  signFinalization,
  signPartialDecryptions,
  type PartialDecryptionFile,
} from '@ostraka/protocol';
import { fileCeremony, keyShareOf, viaJson } from './ceremony-fixture.js';

const G = ristretto255Group as Group<unknown>;

function evaluate(c: ReturnType<typeof fileCeremony<unknown>>) {
  const deals = c.deals.map((f) => openDeal(c.roster, parseWith(dealFileSchema, viaJson(f))));
  const complaints = c.complaints.flatMap((f) => openComplaints(c.roster, parseWith(complaintsFileSchema, viaJson(f))));
  return evaluateCeremonyFiles(c.roster, deals, complaints);
}

describe('ceremony files (n = 5, t = 3)', () => {
  const honest = fileCeremony(G, 3, 5);
  const result = evaluate(honest);

  it('identities and the roster parse and verify after a JSON round trip', () => {
    const roster = openRoster(G, honest.manifest, parseWith(rosterSchema, viaJson(honest.rosterFile)));
    expect(roster.trustees.map((t) => t.name)).toEqual(['Trustee 1', 'Trustee 2', 'Trustee 3', 'Trustee 4', 'Trustee 5']);
    const id = parseWith(identityFileSchema, viaJson(honest.identities[2]));
    expect(openIdentity(G, 'election-1', id).fingerprint).toMatch(/^([0-9a-f]{4}:){4}[0-9a-f]{4}$/);
  });

  it('all honest: no complaints, Q = {1..5}, and every finalization checks', () => {
    expect(honest.complaints.every((f) => f.payload.complaints.length === 0)).toBe(true);
    expect(result.qualified).toEqual([1, 2, 3, 4, 5]);
    for (let j = 1; j <= 5; j++) {
      const x = keyShareOf(G, honest, j, result.qualified);
      const vk = result.verificationKeys.get(j)!;
      const file = signFinalization(honest.signingKeys[j - 1], G, 'election-1', {
        trustee: j,
        qualified: result.qualified,
        publicKey: result.publicKey,
        verificationKey: vk,
        proof: proveKeyShare(G, 'election-1', j, x, vk),
      });
      expect(() => checkFinalization(honest.roster, result, openFinalization(honest.roster, parseWith(finalizationFileSchema, viaJson(file))))).not.toThrow();
    }
  });

  it('a cheating dealer: the complaint in the files disqualifies it, and a finalization claiming otherwise fails', () => {
    const cheat = fileCeremony(G, 3, 5, { cheat: true });
    expect(cheat.complaints[1].payload.complaints.map((c) => c.dealer)).toEqual([1]);
    const r = evaluate(cheat);
    expect(r.qualified).toEqual([2, 3, 4, 5]);
    expect(r.disqualified[0].reason).toMatch(/complaint by trustee 2 upheld/);
    const x = keyShareOf(G, cheat, 3, r.qualified);
    const vk = r.verificationKeys.get(3)!;
    const f = { trustee: 3, qualified: r.qualified, publicKey: r.publicKey, verificationKey: vk, proof: proveKeyShare(G, 'election-1', 3, x, vk) };
    expect(() => checkFinalization(cheat.roster, r, f)).not.toThrow();
    expect(() => checkFinalization(cheat.roster, r, { ...f, qualified: [1, 2, 3, 4, 5] })).toThrow(/reports Q/);
    expect(() => checkFinalization(cheat.roster, r, { ...f, publicKey: G.generator })).toThrow(/joint public key/);
    expect(() => checkFinalization(cheat.roster, r, { ...f, trustee: 4 })).toThrow(/verification key/);
  });

  it('rejects a file signed by someone else, naming the signature', () => {
    const forged = { ...honest.deals[0], signature: honest.deals[1].signature };
    expect(() => openDeal(honest.roster, forged)).toThrow(VerificationError);
    const moved = { ...honest.complaints[0], payload: { ...honest.complaints[0].payload, trustee: 2 } };
    expect(() => openComplaints(honest.roster, moved)).toThrow(/not signed by trustee 2/);
  });

  it('names the field of a bad encoding, a wrong election or an unknown key', () => {
    const deal = viaJson(honest.deals[0]) as { payload: { commitments: string[]; shares: { ephemeral: string }[]; election: string } };
    const expectField = (fn: () => unknown, field: string) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidFileError);
        expect((e as InvalidFileError).field).toBe(field);
        return;
      }
      throw new Error('accepted');
    };
    const badPoint = structuredClone(deal);
    badPoint.payload.commitments[1] = 'ff'.repeat(32); // not canonical
    expectField(() => openDeal(honest.roster, parseWith(dealFileSchema, badPoint)), 'payload.commitments[1]');
    const badHex = structuredClone(deal);
    badHex.payload.shares[2].ephemeral = 'AB'.repeat(32);
    expectField(() => parseWith(dealFileSchema, badHex), 'payload.shares[2].ephemeral');
    const otherElection = structuredClone(deal);
    otherElection.payload.election = 'election-2';
    expectField(() => openDeal(honest.roster, parseWith(dealFileSchema, otherElection)), 'payload.election');
    expectField(() => parseWith(dealFileSchema, { ...deal, extra: 1 }), '');
    expectField(() => parseWith(complaintsFileSchema, deal), 'payload.type');
  });

  it('refuses a roster with a substituted or duplicated identity', () => {
    const other = fileCeremony(G, 3, 5, { id: 'election-1', cheat: true });
    const swapped = { ...honest.rosterFile, trustees: honest.rosterFile.trustees.map((t, k) => (k === 2 ? other.identities[3] : t)) };
    expect(() => openRoster(G, honest.manifest, swapped)).toThrow(/expected trustee 3 at position 3/);
    const doubled = { ...honest.rosterFile, trustees: honest.rosterFile.trustees.slice(0, 4) };
    expect(() => openRoster(G, honest.manifest, doubled)).toThrow(/the manifest has 5 trustees, the roster 4/);
    const tampered = structuredClone(honest.rosterFile);
    tampered.trustees[1].payload.name = 'Mallory';
    expect(() => openRoster(G, honest.manifest, tampered)).toThrow(/not signed by its signing key/);
    expect(() => openRoster(G, { ...honest.manifest, id: 'election-9' }, honest.rosterFile)).toThrow(/expected election "election-9"/);
  });

  it('fewer than t dealers: the ceremony fails clearly', () => {
    const deals = honest.deals.slice(0, 2).map((f) => openDeal(honest.roster, f));
    expect(() => evaluateCeremonyFiles(honest.roster, deals, [])).toThrow(CeremonyFailedError);
  });

  describe('decryption files', () => {
    const scheme = new ElGamal(G, result.publicKey);
    const ballots = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
    const ciphertexts = ballots.map((b) => scheme.encrypt(encodePlaintext(G, utf8(b), 1)).ciphertext);
    const listFile = createCiphertextList(G, 'election-1', 1, ciphertexts);
    const list = openCiphertextList(G, 'election-1', parseWith(ciphertextListSchema, viaJson(listFile)));
    const decoded = decodeCiphertextRange(G, list.packed, 1, 0, list.count);
    const partialFile = (j: number, secret = keyShareOf(G, honest, j, result.qualified)): PartialDecryptionFile => {
      const vk = result.verificationKeys.get(j)!;
      const partials = decoded.map((c) => partialDecrypt(G, 'election-1', j, secret, vk, c));
      return signPartialDecryptions(honest.signingKeys[j - 1], {
        election: 'election-1',
        trustee: j,
        list,
        factors: G.encodeMany(partials.flatMap((p) => p.factors)),
        proofs: new Uint8Array(partials.flatMap((p) => [...encodeSchnorrProof(G, p.proof)])),
      });
    };
    const files = [1, 2, 3, 4, 5].map((j) => partialFile(j));
    const text = (m: unknown[]) => new TextDecoder().decode(decodePlaintext(G, m));

    it('the ciphertext list round-trips, and its hash catches any change', () => {
      expect(decoded.map((c) => toHex(encodeCiphertext(G, c)))).toEqual(ciphertexts.map((c) => toHex(encodeCiphertext(G, c))));
      const flipped = { ...listFile, ciphertexts: listFile.ciphertexts.slice(0, 10) + (listFile.ciphertexts[10] === '0' ? '1' : '0') + listFile.ciphertexts.slice(11) };
      expect(() => openCiphertextList(G, 'election-1', flipped)).toThrow(/hash: does not match/);
      expect(() => openCiphertextList(G, 'election-1', { ...listFile, count: 5 })).toThrow(/expected 5 ciphertexts/);
      expect(() => openCiphertextList(G, 'election-2', listFile)).toThrow(/expected election "election-2"/);
    });

    it('two trustees absent: three files decrypt the list', () => {
      const r = decryptCiphertextList(honest.roster, result, list, decoded, [files[4], files[1], files[3]].map((f) => parseWith(partialDecryptionFileSchema, viaJson(f))));
      expect(r.used).toEqual([2, 4, 5]);
      expect(r.plaintexts.map(text)).toEqual(ballots);
    });

    it('a wrong partial decryption and a forged file are rejected; the others suffice', () => {
      const wrong = partialFile(1, 42n);
      const forged = { ...files[2], signature: files[3].signature };
      const r = decryptCiphertextList(honest.roster, result, list, decoded, [wrong, forged, files[1], files[3], files[4]]);
      expect(r.rejected.map((x) => x.trustee).sort()).toEqual([1, 3]);
      expect(r.used).toEqual([2, 4, 5]);
      expect(r.plaintexts.map(text)).toEqual(ballots);
    });

    it('fewer than t valid files: a clear error that names every rejection, no plaintext', () => {
      const wrong = partialFile(1, 42n);
      expect(() => decryptCiphertextList(honest.roster, result, list, decoded, [wrong, files[1], files[2]])).toThrow(InsufficientPartialsError);
      expect(() => decryptCiphertextList(honest.roster, result, list, decoded, [wrong, files[1], files[2]])).toThrow(/got 2 \[2, 3\]; rejected: trustee 1/);
    });

    it('the list hash of docs/vectors/threshold-decryption.json', () => {
      const vectors = JSON.parse(readFileSync(new URL('../../../docs/vectors/threshold-decryption.json', import.meta.url), 'utf8'));
      for (const v of vectors) {
        const packed = fromHex(v.ciphertexts.join(''));
        expect(toHex(ciphertextListHash(v.group, v.election, v.width, v.ciphertexts.length, packed))).toBe(v.list_hash);
      }
    });

    it('a partial decryption of another list is refused', () => {
      const other = openCiphertextList(G, 'election-1', createCiphertextList(G, 'election-1', 1, ciphertexts.slice(1)));
      expect(() => openPartialDecryptions(honest.roster, other, files[0])).toThrow(/payload.list: decrypts another ciphertext list/);
    });
  });
});

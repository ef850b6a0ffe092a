/**
 * The tally's decryption in a worker pool gives what the single-threaded reference
 * (`decryptCiphertextList`) gives: the same trustees used, the same rejections, the same
 * plaintexts (undecodable ones included), or the same refusal when fewer than t are valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ElGamal,
  encodePlaintext,
  encodeSchnorrProof,
  decodePlaintext,
  DecodeError,
  InsufficientPartialsError,
  partialDecrypt,
  ristretto255Group,
  toHex,
  utf8,
  type Group,
} from '@ostraka/crypto';
import {
  complaintsFileSchema,
  createCiphertextList,
  dealFileSchema,
  decodeCiphertextRange,
  decryptCiphertextList,
  evaluateCeremonyFiles,
  openCiphertextList,
  openComplaints,
  openDeal,
  parseWith,
  signPartialDecryptions,
  type PartialDecryptionFile,
} from '@ostraka/protocol';
import { decryptListInParallel } from '@ostraka/election';
import { fileCeremony, keyShareOf } from '../../../packages/protocol/test/ceremony-fixture.js';

const G = ristretto255Group as Group<unknown>;
const WIDTH = 2;
const ceremony = fileCeremony(G, 3, 5);
const result = evaluateCeremonyFiles(
  ceremony.roster,
  ceremony.deals.map((f) => openDeal(ceremony.roster, parseWith(dealFileSchema, f))),
  ceremony.complaints.flatMap((f) => openComplaints(ceremony.roster, parseWith(complaintsFileSchema, f))),
);
const scheme = new ElGamal(G, result.publicKey);
// 50 ballots (several ranges of the pool); every seventh is an element that embeds no plaintext.
const ciphertexts = Array.from({ length: 50 }, (_, i) =>
  scheme.encrypt(i % 7 === 3 ? [G.generator, G.generator] : encodePlaintext(G, utf8(`ballot ${i}`), WIDTH)).ciphertext,
);
const list = openCiphertextList(G, 'election-1', createCiphertextList(G, 'election-1', WIDTH, ciphertexts));
const decoded = decodeCiphertextRange(G, list.packed, WIDTH, 0, list.count);
const partials = [1, 2, 3, 4, 5].map((j) => decoded.map((c) => partialDecrypt(G, 'election-1', j, keyShareOf(G, ceremony, j, result.qualified), result.verificationKeys.get(j)!, c)));

/**
 * Trustee j's file; `swap` replaces proof k by proof k+1 (well formed, wrong); `offGroup`
 * replaces factor element k by a non-canonical encoding (signed all the same).
 */
const made = new Map<string, PartialDecryptionFile>();
function file(j: number, options: { swap?: number; signer?: number; offGroup?: number } = {}): PartialDecryptionFile {
  const key = JSON.stringify([j, options]);
  if (!made.has(key)) made.set(key, makeFile(j, options));
  return made.get(key)!;
}

function makeFile(j: number, options: { swap?: number; signer?: number; offGroup?: number }): PartialDecryptionFile {
  const proofs = partials[j - 1].map((p, k) => encodeSchnorrProof(G, (options.swap === k ? partials[j - 1][k + 1] : p).proof));
  const factors = G.encodeMany(partials[j - 1].flatMap((p) => p.factors));
  if (options.offGroup !== undefined) factors.fill(0xff, options.offGroup * G.elementLength, (options.offGroup + 1) * G.elementLength);
  return signPartialDecryptions(ceremony.signingKeys[(options.signer ?? j) - 1], {
    election: 'election-1',
    trustee: j,
    list,
    factors,
    proofs: new Uint8Array(proofs.flatMap((p) => [...p])),
  });
}

type Outcome = { used: number[]; rejected: string[]; plaintexts: (string | null)[] } | { error: string };

function reference(files: PartialDecryptionFile[]): Outcome {
  try {
    const r = decryptCiphertextList(ceremony.roster, result, list, decoded, files);
    const plaintexts = r.plaintexts.map((m) => {
      try {
        return toHex(decodePlaintext(G, m));
      } catch (e) {
        if (e instanceof DecodeError) return null;
        throw e;
      }
    });
    return { used: [...r.used], rejected: r.rejected.map((x) => `${x.trustee}: ${x.reason}`).sort(), plaintexts };
  } catch (e) {
    if (e instanceof InsufficientPartialsError) return { error: e.message };
    throw e;
  }
}

async function parallel(files: PartialDecryptionFile[], onProgress?: (p: { step: string; done: number; total: number }) => void): Promise<Outcome> {
  try {
    const r = await decryptListInParallel(ceremony.roster, result, list, files, { workers: 2, onProgress });
    return { used: r.used, rejected: r.rejected.map((x) => `${x.trustee}: ${x.reason}`).sort(), plaintexts: r.plaintexts.map((p) => (p === null ? null : toHex(p))) };
  } catch (e) {
    if (e instanceof InsufficientPartialsError) return { error: e.message };
    throw e;
  }
}

describe('the tally’s decryption in a worker pool', () => {
  it('decrypts like the reference, with progress per step, and leaves undecodable ballots as null', async () => {
    const steps = new Map<string, number>();
    const out = await parallel([file(5), file(2), file(4)], (p) => steps.set(p.step, p.done));
    expect(out).toEqual(reference([file(5), file(2), file(4)]));
    if ('error' in out) throw new Error(out.error);
    expect(out.used).toEqual([2, 4, 5]);
    expect(out.plaintexts.filter((p) => p === null)).toHaveLength(7);
    expect(out.plaintexts[0]).toBe(toHex(utf8('ballot 0')));
    // The first t trustees are valid: checked and combined in one pass.
    expect([...steps]).toEqual([['verify trustees 2, 4, 5 and combine', 50]]);
  });

  it('agrees with the reference on any set of files, wrong proofs and forged signatures included', async () => {
    const kinds = fc.constantFrom('honest', 'absent', 'wrong-proof', 'forged');
    await fc.assert(
      fc.asyncProperty(fc.array(kinds, { minLength: 5, maxLength: 5 }), fc.constantFrom(0, 17, 48), async (plan, k) => {
        const files = plan.flatMap((kind, i): PartialDecryptionFile[] => {
          const j = i + 1;
          if (kind === 'absent') return [];
          if (kind === 'wrong-proof') return [file(j, { swap: k })];
          if (kind === 'forged') return [file(j, { signer: (j % 5) + 1 })];
          return [file(j)];
        });
        const expected = reference(files);
        expect(await parallel(files)).toEqual(expected);
        // Every forged file is refused; a wrong proof only where its trustee is checked (before the t-th valid one).
        if ('used' in expected) expect(expected.rejected.length).toBe(plan.filter((p, i) => p === 'forged' || (p === 'wrong-proof' && i + 1 < expected.used[2])).length);
      }),
      { numRuns: 10 },
    );
  });

  it('names the field of a factor that is not a group element, and the duplicate of a trustee', async () => {
    const steps = new Map<string, number>();
    const out = await parallel([file(1, { offGroup: 5 }), file(2), file(2), file(3), file(4)], (p) => steps.set(p.step, p.done));
    if ('error' in out) throw new Error(out.error);
    // Trustee 1 fails in the one-pass check of the first three: trustee 4 is checked, then 2, 3, 4 combined.
    expect([...steps]).toEqual([['verify trustees 1, 2, 3 and combine', 50], ['verify trustee 4', 50], ['combine', 50]]);
    // Element 5 is the second factor of ciphertext 2 (width 2).
    expect(out.rejected[0]).toBe("1: payload.factors[2][1]: not a canonical field element");
    expect(out.rejected[1]).toBe('2: more than one submission from this trustee');
    expect(out.used).toEqual([2, 3, 4]);
  });
});

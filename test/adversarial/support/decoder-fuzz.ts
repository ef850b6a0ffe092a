/**
 * Decoders and file readers fuzzed, shared by the CI suite (fuzz-decoders.test.ts) and the slow
 * one (slow-fuzz-decoders.test.ts): the core's strict decoders (elements, scalars, hex,
 * ciphertexts, proofs, shuffle proofs), canonical JSON, every reader of trustee files (identity,
 * roster, deal, complaints, finalization, ciphertext list, partial decryptions) in the library and
 * through the trustee tool (`ostraka trustee check`). Every input is either accepted in exactly
 * its canonical form or refused with a typed error (DecodeError, InvalidFileError,
 * VerificationError, a shuffle verdict) — never another exception, never a silent normalisation —
 * and the tool exits 1 or 2 with a message, never with a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkDeal,
  decodeCiphertext,
  decodeEncryptionProof,
  decodeSchnorrProof,
  DecodeError,
  equalBytes,
  fromHex,
  GROUP_NAMES,
  groupByName,
  toHex,
  VerificationError,
  CeremonyFailedError,
  type Group,
} from '@ostraka/crypto';
import {
  canonicalJson,
  checkFinalization,
  ciphertextListSchema,
  complaintsFileSchema,
  dealFileSchema,
  decodeCiphertextRange,
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
  type Json,
} from '@ostraka/protocol';
import { verifyShuffle } from '@ostraka/shuffle';
import { OSTRAKA_BIN } from '../../../apps/board/test/support/server-process.js';
import { ceremonyFiles } from './ceremony-files.js';
import { damaged } from './json-mutation.js';

/** Runs `f`; a typed refusal is fine, any other exception fails the property. */
function typed(f: () => unknown): 'accepted' | 'refused' {
  try {
    f();
    return 'accepted';
  } catch (e) {
    if (e instanceof DecodeError || e instanceof InvalidFileError || e instanceof VerificationError || e instanceof CeremonyFailedError) return 'refused';
    throw e;
  }
}

/** `runs` per property of the library; `toolRuns` processes of `ostraka trustee check`. */
export function decoderFuzzSuite(RUNS: number, toolRuns: number): void {
  describe.each(GROUP_NAMES)('strict decoders of the core (%s)', (name) => {
    const G = groupByName(name) as Group<unknown>;
    const L = G.elementLength;

    it('an element decodes only from its canonical encoding; anything else is a DecodeError', () => {
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ minLength: L, maxLength: L }), fc.uint8Array({ maxLength: 2 * L }), fc.constant(G.encode(G.generator))), (bytes) => {
          let element: unknown;
          if (typed(() => (element = G.decode(bytes))) === 'accepted') expect(equalBytes(G.encode(element), bytes)).toBe(true);
        }),
        { numRuns: RUNS },
      );
    });

    it('a scalar decodes only below the order and re-encodes to the same bytes', () => {
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 40 })), (bytes) => {
          let s = 0n;
          if (typed(() => (s = G.scalars.decode(bytes))) === 'accepted') {
            expect(s < G.order).toBe(true);
            expect(equalBytes(G.scalars.encode(s), bytes)).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    });

    it('ciphertexts, Schnorr/DLEQ proofs and ballot proofs: typed refusals only', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 4 * L + 8 }), fc.integer({ min: 1, max: 3 }), (bytes, width) => {
          typed(() => decodeCiphertext(G, bytes, width));
          typed(() => decodeSchnorrProof(G, bytes));
          typed(() => decodeEncryptionProof(G, bytes, width));
        }),
        { numRuns: RUNS },
      );
    });

    it('a shuffle proof of random bytes is an invalid verdict, never an exception', () => {
      const statement = { group: name, publicKey: G.encode(G.generator), width: 1, election: 'fuzz', round: 1 };
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 3 * 2 * L }), fc.uint8Array({ maxLength: 600 }), (list, proof) => {
          expect(verifyShuffle(statement, list, list, proof).ok).toBe(false);
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    });
  });

  describe('hex and canonical JSON', () => {
    it('hex decodes only from lower-case hex of even length, and round-trips', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9a-fA-F]{0,20}$/)), (s) => {
          let bytes: Uint8Array = new Uint8Array();
          if (typed(() => (bytes = fromHex(s))) === 'accepted') expect(toHex(bytes)).toBe(s);
        }),
        { numRuns: RUNS },
      );
    });

    it('canonical JSON is a fixed point: parsing and re-encoding gives the same text, or the value is refused (floats)', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
          let text: string;
          try {
            text = canonicalJson(value as Json);
          } catch (e) {
            expect(e).toBeInstanceOf(RangeError); // a float or unsafe integer
            return;
          }
          expect(canonicalJson(JSON.parse(text) as Json)).toBe(text);
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe('readers of trustee files', () => {
    const { manifest, group, files } = ceremonyFiles();
    const roster = openRoster(group, manifest, parseWith(rosterSchema, files['roster.json']));
    const list = openCiphertextList(group, manifest.id, parseWith(ciphertextListSchema, files['list.json']));
    const deals = [1, 2, 3].map((j) => openDeal(roster, parseWith(dealFileSchema, files[`deal-${j}.json`])));
    const complaints = [1, 2, 3].flatMap((j) => openComplaints(roster, parseWith(complaintsFileSchema, files[`complaints-${j}.json`])));
    const ceremony = evaluateCeremonyFiles(roster, deals, complaints);

    /** The library's whole reading of one kind of file, as the board and the tools run it. */
    const readers: Record<string, (doc: unknown) => void> = {
      identity: (doc) => openIdentity(group, manifest.id, parseWith(identityFileSchema, doc)),
      roster: (doc) => openRoster(group, manifest, parseWith(rosterSchema, doc)),
      deal: (doc) => {
        const problem = checkDeal(group, { election: manifest.id, threshold: 2, count: 3 }, openDeal(roster, parseWith(dealFileSchema, doc)));
        if (problem) throw new VerificationError('deal', problem);
      },
      complaints: (doc) => openComplaints(roster, parseWith(complaintsFileSchema, doc)),
      finalization: (doc) => checkFinalization(roster, ceremony, openFinalization(roster, parseWith(finalizationFileSchema, doc))),
      list: (doc) => {
        const l = openCiphertextList(group, manifest.id, parseWith(ciphertextListSchema, doc));
        decodeCiphertextRange(group, l.packed, l.width, 0, l.count);
      },
      partial: (doc) => openPartialDecryptions(roster, list, parseWith(partialDecryptionFileSchema, doc)),
    };
    const fileOf: Record<string, string> = {
      identity: 'identity-2.json', roster: 'roster.json', deal: 'deal-3.json', complaints: 'complaints-1.json',
      finalization: 'finalization-2.json', list: 'list.json', partial: 'partial-3.json',
    };

    it('accept the real files', () => {
      for (const [kind, read] of Object.entries(readers)) expect([kind, typed(() => read(files[fileOf[kind]]))]).toEqual([kind, 'accepted']);
    });

    it.each(Object.keys(readers))('refuse every damaged %s file with a typed error, or find it unchanged', (kind) => {
      const original = files[fileOf[kind]];
      fc.assert(
        fc.property(damaged(original), (doc) => {
          if (typed(() => readers[kind](doc)) === 'accepted') expect(canonicalJson(doc as Json)).toBe(canonicalJson(original as Json));
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe('the trustee tool reading damaged files (ostraka trustee check)', () => {
    const { files } = ceremonyFiles('tool-files');
    const dir = mkdtempSync(join(tmpdir(), 'ostraka-fuzz-tool-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
    const check = (file: string) =>
      spawnSync(process.execPath, [OSTRAKA_BIN, 'trustee', 'check', '--manifest', 'manifest.json', '--roster', 'roster.json', 'deal-1.json', 'deal-2.json', 'deal-3.json', 'list.json', file], {
        cwd: dir,
        encoding: 'utf8',
      });

    it('exits 1 or 2 with a message naming the file, never with a stack trace; 0 only for an unchanged file', () => {
      for (const f of ['identity-1.json', 'partial-2.json', 'finalization-3.json', 'complaints-2.json']) expect(check(f).status, check(f).stderr).toBe(0);
      const kinds = ['identity-1.json', 'deal-2.json', 'complaints-2.json', 'finalization-3.json', 'partial-1.json'];
      fc.assert(
        fc.property(fc.constantFrom(...kinds).chain((f) => fc.tuple(fc.constant(f), damaged(files[f]))), ([f, doc]) => {
          const name = `damaged-${f}`;
          writeFileSync(join(dir, name), JSON.stringify(doc));
          const run = check(name);
          expect(run.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/); // no stack trace
          if (run.status === 0) expect(canonicalJson(doc as Json)).toBe(canonicalJson(files[f] as Json));
          else {
            expect([f, run.status === 1 || run.status === 2]).toEqual([f, true]);
            expect(run.stdout + run.stderr).toContain(name);
          }
        }),
        { numRuns: toolRuns },
      );
    });
  });
}

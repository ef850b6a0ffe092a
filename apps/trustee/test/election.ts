/**
 * What the election flow does around the trustees, in-process with the libraries: write the
 * manifest, encrypt ballots under the joint key into a ciphertext list, and combine the trustees'
 * partial-decryption files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePlaintext, ElGamal, encodePlaintext, fromHex, groupByName, utf8 } from '@ostraka/crypto';
import {
  complaintsFileSchema,
  createCiphertextList,
  dealFileSchema,
  decodeCiphertextRange,
  decryptCiphertextList,
  electionManifestSchema,
  evaluateCeremonyFiles,
  openCiphertextList,
  openComplaints,
  openDeal,
  openRoster,
  parseWith,
  partialDecryptionFileSchema,
  rosterSchema,
  ciphertextListSchema,
  type ElectionManifest,
} from '@ostraka/protocol';

export const PASSPHRASE = 'correct horse battery staple';

/** A fresh directory standing for the USB stick, with the manifest and a passphrase file. */
export function electionDir(manifest: Partial<ElectionManifest> = {}): { dir: string; manifest: ElectionManifest } {
  const dir = mkdtempSync(join(tmpdir(), 'ostraka-trustee-'));
  const m = electionManifestSchema.parse({ id: 'city-2026', title: 'City council 2026', group: 'ristretto255', trustees: { threshold: 3, count: 5 }, ...manifest });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  writeFileSync(join(dir, 'pass.txt'), PASSPHRASE + '\n', { mode: 0o600 });
  return { dir, manifest: m };
}

export const readJson = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));

/** Encrypts `ballots` under the joint key in `finalization` and writes the list as `name`. */
export function writeBallots(dir: string, manifest: ElectionManifest, finalization: string, ballots: string[], name = 'list.json'): void {
  const G = groupByName(manifest.group);
  const f = readJson(dir, finalization) as { payload: { publicKey: string } };
  const scheme = new ElGamal(G, G.decode(fromHex(f.payload.publicKey)));
  const ciphertexts = ballots.map((b) => scheme.encrypt(encodePlaintext(G, utf8(b), 1)).ciphertext);
  writeFileSync(join(dir, name), JSON.stringify(createCiphertextList(G, manifest.id, 1, ciphertexts)));
}

/** The election flow's combination of partial-decryption files, from the public files only. */
export function tally(dir: string, manifest: ElectionManifest, files: { deals: string[]; complaints: string[]; partials: string[]; list?: string }) {
  const G = groupByName(manifest.group);
  const roster = openRoster(G, manifest, parseWith(rosterSchema, readJson(dir, 'roster.json')));
  const ceremony = evaluateCeremonyFiles(
    roster,
    files.deals.map((d) => openDeal(roster, parseWith(dealFileSchema, readJson(dir, d)))),
    files.complaints.flatMap((c) => openComplaints(roster, parseWith(complaintsFileSchema, readJson(dir, c)))),
  );
  const list = openCiphertextList(G, manifest.id, parseWith(ciphertextListSchema, readJson(dir, files.list ?? 'list.json')));
  const ciphertexts = decodeCiphertextRange(G, list.packed, list.width, 0, list.count);
  const result = decryptCiphertextList(roster, ceremony, list, ciphertexts, files.partials.map((p) => parseWith(partialDecryptionFileSchema, readJson(dir, p))));
  return { ...result, texts: result.plaintexts.map((m) => new TextDecoder().decode(decodePlaintext(G, m))) };
}

/**
 * A complete set of real trustee files of one election (identities, roster, deals, complaints,
 * finalizations, a ciphertext list and partial decryptions), made in process with the same library
 * calls as the trustee tool, for fuzzing every reader of those files.
 */
import { ElGamal, encodePlaintext, fromHex, groupByName, utf8, type Group } from '@ostraka/crypto';
import { createCiphertextList, createRoster, type ElectionManifest } from '@ostraka/protocol';
import { InProcessTrustee } from '@ostraka/election/testing';

export interface CeremonyFiles {
  readonly manifest: ElectionManifest;
  readonly group: Group<unknown>;
  /** File name → parsed JSON content. */
  readonly files: Record<string, unknown>;
}

export function ceremonyFiles(id = 'files-election'): CeremonyFiles {
  const manifest: ElectionManifest = { id, title: 'Fuzzed files', group: 'ristretto255', trustees: { threshold: 2, count: 3 } };
  const group = groupByName(manifest.group) as Group<unknown>;
  const trustees = [1, 2, 3].map((j) => new InProcessTrustee(manifest, j));
  const identities = trustees.map((t) => t.identity());
  const roster = createRoster(id, identities);
  const deals = trustees.map((t) => t.deal(roster));
  const complaints = trustees.map((t) => t.receive(roster, deals));
  const finalizations = trustees.map((t) => t.finalize(roster, deals, complaints));
  const scheme = new ElGamal(group, group.decode(fromHex(finalizations[0].payload.publicKey)));
  const list = createCiphertextList(group, id, 1, ['yes', 'no', 'maybe'].map((v) => scheme.encrypt(encodePlaintext(group, utf8(v), 1)).ciphertext));
  const partials = trustees.map((t) => t.decrypt(list));
  const files: Record<string, unknown> = { 'manifest.json': manifest, 'roster.json': roster, 'list.json': list };
  trustees.forEach((t, k) => {
    files[`identity-${t.index}.json`] = identities[k];
    files[`deal-${t.index}.json`] = deals[k];
    files[`complaints-${t.index}.json`] = complaints[k];
    files[`finalization-${t.index}.json`] = finalizations[k];
    files[`partial-${t.index}.json`] = partials[k];
  });
  return { manifest, group, files };
}

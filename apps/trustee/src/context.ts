import { sha256 } from '@noble/hashes/sha2.js';
import { groupByName, toHex, type Group } from '@ostraka/crypto';
import { electionManifestSchema, openRoster, rosterSchema, type ElectionManifest, type ElectionRoster } from '@ostraka/protocol';
import { InputError } from './errors.js';
import { inFile, readFileAs } from './files.js';
import { keystoreSchema } from './keystore/format.js';
import { unlockKeystore, type UnlockedKeystore } from './keystore/keystore.js';
import { readPassphrase } from './passphrase.js';

export function loadManifest(path: string): { manifest: ElectionManifest; group: Group<unknown> } {
  const manifest = readFileAs(path, electionManifestSchema);
  return { manifest, group: groupByName(manifest.group) };
}

/** Reads and verifies the roster: every identity self-signed, indices 1..n, as the manifest says. */
export function loadRoster(path: string, manifest: ElectionManifest): ElectionRoster<unknown> {
  const file = readFileAs(path, rosterSchema);
  return inFile(path, () => openRoster(groupByName(manifest.group), manifest, file));
}

/** Asks for the passphrase and opens the keystore, which must belong to the manifest's election. */
export async function openKeystore(path: string, manifest: ElectionManifest, passphraseFile: string | undefined): Promise<UnlockedKeystore<unknown>> {
  // Validate the file before asking for a passphrase: a wrong file is a quicker answer.
  const probe = readFileAs(path, keystoreSchema);
  if (probe.election !== manifest.id) throw new InputError(path, 'election', `this keystore is for election "${probe.election}", the manifest for "${manifest.id}"`);
  if (probe.group !== manifest.group) throw new InputError(path, 'group', `expected group ${manifest.group}, got ${probe.group}`);
  const passphrase = await readPassphrase({ file: passphraseFile, prompt: `Passphrase of the keystore of trustee ${probe.trustee} (${path})` });
  return unlockKeystore(path, passphrase);
}

/** The roster must hold exactly the identity in the keystore at the keystore's index. */
export function checkOwnIdentity(keystore: UnlockedKeystore<unknown>, roster: ElectionRoster<unknown>, rosterPath: string): void {
  const listed = roster.trustees[keystore.trustee - 1];
  const mine = keystore.identity.payload;
  if (!listed || listed.file.payload.signingKey !== mine.signingKey || listed.file.payload.shareKey !== mine.shareKey)
    throw new InputError(rosterPath, `trustees[${keystore.trustee - 1}]`, `is not the identity in your keystore (trustee ${keystore.trustee}, fingerprint ${mine.fingerprint})`);
}

/** The roster as a table, for the trustee to compare every fingerprint with what was read out. */
export function rosterTable(roster: ElectionRoster<unknown>, me?: number): string {
  return roster.trustees
    .map((t) => `  ${String(t.trustee).padStart(3)}  ${t.fingerprint}  ${t.name}${t.trustee === me ? '   (you)' : ''}`)
    .join('\n');
}

/** A short digest of a file's bytes, printed after each write so the copy on the USB stick can be compared. */
export function fileDigest(text: string): string {
  return toHex(sha256(new TextEncoder().encode(text))).slice(0, 16);
}

import { createRoster, identityFileSchema, MAX_TRUSTEES, openIdentity, openRoster } from '@ostraka/protocol';
import { flag, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { fileDigest, loadManifest, rosterTable } from '../context.js';
import { InputError, UsageError } from '../errors.js';
import { inFile, jsonText, readFileAs, writeFileAtomic } from '../files.js';

export const rosterSpec: CommandSpec = {
  name: 'roster',
  summary: 'Assemble the roster from the trustees’ identity files (for the election authority, or when there is no board).',
  usage: '--manifest FILE --out FILE [--force] IDENTITY_FILE...',
  details: [
    'Verifies every identity (self-signature, proof of the share-encryption key, election, index)',
    'and writes the roster in index order. Read the printed fingerprints back to the trustees.',
  ].join('\n'),
  options: {
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest' },
    out: { type: 'string', value: 'FILE', description: 'the roster file to write' },
    force: { type: 'boolean', description: 'replace an existing roster file' },
  },
  positionals: `the n identity files (n ≤ ${MAX_TRUSTEES})`,
};

export async function runRoster(parsed: ParsedArgs): Promise<number> {
  const { manifest, group } = loadManifest(requireString(parsed, 'manifest'));
  const out = requireString(parsed, 'out');
  if (parsed.positionals.length === 0) throw new UsageError('give the identity files');
  const identities = parsed.positionals.map((path) => ({ path, file: readFileAs(path, identityFileSchema) }));
  for (const { path, file } of identities) {
    const twin = identities.find((o) => o.path !== path && o.file.payload.trustee === file.payload.trustee);
    if (twin) throw new InputError(path, 'payload.trustee', `trustee ${file.payload.trustee} also in ${twin.path}`);
  }
  const rosterFile = createRoster(manifest.id, identities.map((i) => i.file));
  // Verified as every trustee will verify it; a bad identity is named by its file.
  for (const { path, file } of identities) inFile(path, () => openIdentity(group, manifest.id, file));
  const roster = inFile(out, () => openRoster(group, manifest, rosterFile));
  const text = jsonText(rosterFile);
  writeFileAtomic(out, text, { overwrite: flag(parsed, 'force') });
  console.log(rosterTable(roster));
  console.log(`wrote  ${out} (digest ${fileDigest(text)})`);
  return 0;
}

import { createIdentity, displayTextSchema, MAX_TRUSTEES } from '@ostraka/protocol';
import { flag, integerOption, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { fileDigest, loadManifest } from '../context.js';
import { UsageError } from '../errors.js';
import { ensureWritable, jsonText, writeFileAtomic } from '../files.js';
import { DEFAULT_KDF_COST, MAX_KDF_COST, MIN_KDF_COST } from '../keystore/format.js';
import { createKeystore, newSecrets } from '../keystore/keystore.js';
import { readPassphrase } from '../passphrase.js';

export const initSpec: CommandSpec = {
  name: 'init',
  summary: 'Create your trustee identity for an election, in a new keystore encrypted under a passphrase.',
  usage: '--manifest FILE --index N --name NAME [options]',
  details: [
    'Creates an Ed25519 signing key and a share-encryption key, stores them in a keystore sealed',
    'with scrypt and XChaCha20-Poly1305 under your passphrase (asked twice, not echoed), and writes',
    'your public identity file, to be posted to the board. Prints your fingerprint: read it out to',
    'the other trustees and the election authority, and write it down.',
  ].join('\n'),
  options: {
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    index: { type: 'string', value: 'N', description: 'your trustee index, 1..n, as the election authority assigned it' },
    name: { type: 'string', value: 'NAME', description: 'your name as it will appear in the roster' },
    keystore: { type: 'string', value: 'FILE', description: 'the keystore to create (default: trustee-N.keystore.json)' },
    out: { type: 'string', value: 'FILE', description: 'the identity file to write (default: trustee-N.identity.json)' },
    'passphrase-file': { type: 'string', value: 'FILE', description: 'read the new passphrase from FILE instead of the terminal' },
    'kdf-cost': {
      type: 'string',
      value: 'C',
      description: `scrypt cost log2(N), ${MIN_KDF_COST}..${MAX_KDF_COST} (default ${DEFAULT_KDF_COST}; lower only on very small machines)`,
    },
    force: { type: 'boolean', description: 'replace an existing identity file (never an existing keystore)' },
  },
};

export async function runInit(parsed: ParsedArgs): Promise<number> {
  const { manifest, group } = loadManifest(requireString(parsed, 'manifest'));
  const trustee = integerOption(parsed, 'index', undefined, 1, MAX_TRUSTEES);
  if (trustee > manifest.trustees.count) throw new UsageError(`--index ${trustee}: the election has ${manifest.trustees.count} trustees`);
  const name = requireString(parsed, 'name').trim();
  if (!displayTextSchema(200).safeParse(name).success) throw new UsageError('--name must have 1 to 200 characters, none of them control or formatting characters');
  const logN = integerOption(parsed, 'kdf-cost', DEFAULT_KDF_COST, MIN_KDF_COST, MAX_KDF_COST);
  const keystorePath = optionalString(parsed, 'keystore') ?? `trustee-${trustee}.keystore.json`;
  const identityPath = optionalString(parsed, 'out') ?? `trustee-${trustee}.identity.json`;
  // A keystore is never overwritten: it may hold the only copy of a key share.
  ensureWritable(keystorePath, false);
  ensureWritable(identityPath, flag(parsed, 'force'));
  const passphrase = await readPassphrase({
    file: optionalString(parsed, 'passphrase-file'),
    prompt: `New passphrase for the keystore of trustee ${trustee}`,
    confirm: true,
  });
  if (logN < DEFAULT_KDF_COST) process.stderr.write(`warning: scrypt cost 2^${logN} is below the default 2^${DEFAULT_KDF_COST}\n`);
  const secrets = newSecrets(group);
  const identity = createIdentity(group, { election: manifest.id, trustee, name, signingKey: secrets.signingKey, shareSecret: secrets.shareSecret });
  const keystore = createKeystore(group, { election: manifest.id, trustee, identity, ...secrets }, passphrase, logN);
  writeFileAtomic(keystorePath, jsonText(keystore), { mode: 0o600 });
  const identityText = jsonText(identity);
  writeFileAtomic(identityPath, identityText, { overwrite: flag(parsed, 'force') });
  console.log(`election     ${manifest.id} (${manifest.title})`);
  console.log(`trustee      ${trustee} of ${manifest.trustees.count}: ${name}`);
  console.log(`fingerprint  ${identity.payload.fingerprint}`);
  console.log(`keystore     ${keystorePath} (keep it on this laptop, and a backup copy offline)`);
  console.log(`identity     ${identityPath} (post it to the board; digest ${fileDigest(identityText)})`);
  return 0;
}

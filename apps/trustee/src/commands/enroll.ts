import { fullManifestSchema, peerRegistration } from '@ostraka/protocol';
import { flag, KEYSTORE_OPTIONS, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { fileDigest, openKeystore } from '../context.js';
import { ensureWritable, jsonText, readFileAs, writeFileAtomic } from '../files.js';

export const enrollSpec: CommandSpec = {
  name: 'enroll',
  summary: 'Write your registration request for the board: your signing key and a proof that you hold it.',
  usage: '--keystore FILE --manifest FILE [options]',
  details: [
    'The board authority registers you as a peer of the board with this file, so that you can take part',
    'in the agreement on the manifest. The proof is bound to the board named in the manifest.',
  ].join('\n'),
  options: {
    ...KEYSTORE_OPTIONS,
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    out: { type: 'string', value: 'FILE', description: 'the registration file to write (default: registration-N.json)' },
    force: { type: 'boolean', description: 'replace an existing registration file' },
  },
};

export async function runEnroll(parsed: ParsedArgs): Promise<number> {
  const manifestPath = requireString(parsed, 'manifest');
  const manifest = readFileAs(manifestPath, fullManifestSchema);
  const keystore = await openKeystore(requireString(parsed, 'keystore'), manifest, optionalString(parsed, 'passphrase-file'));
  const out = optionalString(parsed, 'out') ?? `registration-${keystore.trustee}.json`;
  ensureWritable(out, flag(parsed, 'force'));
  const registration = peerRegistration(keystore.signingKey, manifest.board, keystore.identity.payload.name.slice(0, 128), 'TRUSTEE');
  const text = jsonText(registration);
  writeFileAtomic(out, text, { overwrite: flag(parsed, 'force') });
  console.log(`board        ${manifest.board}`);
  console.log(`peer id      ${registration.key_id} (trustee ${keystore.trustee}, fingerprint ${keystore.identity.payload.fingerprint})`);
  console.log(`wrote        ${out} (digest ${fileDigest(text)})`);
  console.log('next         give it to the board authority, with your identity file');
  return 0;
}

import { fingerprint, toHex } from '@ostraka/crypto';
import { ciphertextListSchema, openCiphertextList, signPartialDecryptions } from '@ostraka/protocol';
import { flag, integerOption, KEYSTORE_OPTIONS, optionalString, requireString, type CommandSpec, type ParsedArgs } from '../args.js';
import { fileDigest, loadManifest, openKeystore } from '../context.js';
import { decryptInParallel, defaultWorkers } from '../decrypt-pool.js';
import { CheckFailedError, InputError, UsageError } from '../errors.js';
import { ensureWritable, inFile, jsonText, readFileAs, writeFileAtomic } from '../files.js';
import { ProgressBar } from '@ostraka/cli-kit';

export const decryptSpec: CommandSpec = {
  name: 'decrypt',
  summary: 'Partially decrypt the final mix output with your key share, with a proof for each ciphertext.',
  usage: '--keystore FILE --manifest FILE --ciphertexts FILE [options]',
  details: [
    'Decrypt ONLY the output of the last mix server, after the verifier has checked every shuffle:',
    'decrypting anything else (ballots before mixing) would reveal how people voted. Give the list',
    'hash the verifier reported with --expect-hash, and the tool refuses any other list. Your',
    'partial decryptions reveal nothing alone; any t of them give the plaintexts.',
  ].join('\n'),
  options: {
    ...KEYSTORE_OPTIONS,
    manifest: { type: 'string', value: 'FILE', description: 'the election manifest (from the board)' },
    ciphertexts: { type: 'string', value: 'FILE', description: 'the ciphertext list: the last mix server’s output (from the board)' },
    'expect-hash': { type: 'string', value: 'HEX', description: 'refuse unless the list’s hash is HEX (as the verifier reports it)' },
    workers: { type: 'string', value: 'K', description: `worker threads (default: one per core, here ${defaultWorkers()})` },
    out: { type: 'string', value: 'FILE', description: 'the partial-decryption file to write (default: partial-decryption-N.json)' },
    force: { type: 'boolean', description: 'replace an existing partial-decryption file' },
  },
};

export async function runDecrypt(parsed: ParsedArgs): Promise<number> {
  const { manifest, group } = loadManifest(requireString(parsed, 'manifest'));
  const listPath = requireString(parsed, 'ciphertexts');
  const expectHash = optionalString(parsed, 'expect-hash');
  if (expectHash !== undefined && !/^[0-9a-f]{64}$/.test(expectHash)) throw new UsageError('--expect-hash must be 64 lower-case hex digits');
  const workers = integerOption(parsed, 'workers', defaultWorkers(), 1, 256);
  const listFile = readFileAs(listPath, ciphertextListSchema);
  const list = inFile(listPath, () => openCiphertextList(group, manifest.id, listFile));
  if (expectHash !== undefined && toHex(list.hash) !== expectHash)
    throw new CheckFailedError(`${listPath}: the list's hash is ${toHex(list.hash)}, not the expected ${expectHash}; nothing was decrypted`);
  const keystore = await openKeystore(requireString(parsed, 'keystore'), manifest, optionalString(parsed, 'passphrase-file'));
  if (keystore.keyShare === null || keystore.ceremony === null)
    throw new UsageError(`${keystore.path} holds no key share yet: run \`ostraka trustee dkg finalize\` first`);
  const me = keystore.trustee;
  const out = optionalString(parsed, 'out') ?? `partial-decryption-${me}.json`;
  ensureWritable(out, flag(parsed, 'force'));

  console.log(`list        ${listPath}: ${list.count} ciphertexts of width ${list.width}`);
  console.log(`list hash   ${toHex(list.hash)}${expectHash ? ' (as expected)' : ' (compare with the hash the verifier reports)'}`);
  const progress = new ProgressBar('decrypting', list.count);
  const result = await decryptInParallel({
    group,
    election: manifest.id,
    trustee: me,
    keyShare: keystore.keyShare,
    verificationKey: keystore.ceremony.verificationKey,
    width: list.width,
    count: list.count,
    packed: list.packed,
    workers,
    onProgress: (n) => progress.advance(n),
  });
  if (!result.ok) throw new InputError(listPath, result.field, result.message);
  progress.finish();
  const file = signPartialDecryptions(keystore.signingKey, { election: manifest.id, trustee: me, list, factors: result.factors, proofs: result.proofs });
  const text = jsonText(file);
  writeFileAtomic(out, text, { overwrite: flag(parsed, 'force') });
  console.log(`key         verification key ${fingerprint(group.encode(keystore.ceremony.verificationKey))}`);
  console.log(`wrote       ${out}: ${list.count} partial decryptions with proofs (digest ${fileDigest(text)})`);
  return 0;
}

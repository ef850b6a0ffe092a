import { fingerprint, toHex } from '@ostraka/crypto';
import { keyId } from '@ostraka/protocol/log';
import { loadOrCreateBoardKey } from '../board-key.js';
import { readOptions, UsageError } from './options.js';

export const KEYGEN_USAGE = `usage: ostraka board keygen --out <file>

Generates an Ed25519 signing key into a new file (mode 0600; never overwrites) and prints its
public key, key id and fingerprint. Use it for the board key (--key-file) or for a test
authority; the public key is what --authority-key takes.`;

export async function keygen(args: string[]): Promise<number> {
  const values = readOptions(args, [{ flag: 'out', env: 'OSTRAKA_KEYGEN_OUT', help: 'key file to create' }]);
  if (values.help) {
    console.log(KEYGEN_USAGE);
    return 0;
  }
  const out = values.get('out');
  if (!out) throw new UsageError('--out <file> is required');
  const { key, created } = loadOrCreateBoardKey(out);
  if (!created) throw new UsageError(`${out} already exists; refusing to overwrite a key`);
  console.log(JSON.stringify({ key_file: out, public_key: toHex(key.publicKey), key_id: keyId(key.publicKey), fingerprint: fingerprint(key.publicKey) }));
  return 0;
}

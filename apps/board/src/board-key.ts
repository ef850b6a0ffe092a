import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromHex, generateSigningKey, signingKeyFromSecret, toHex, type SigningKey } from '@ostraka/crypto';

/**
 * The board's Ed25519 signing key, kept in a file readable by its owner only (mode 0600):
 * `{"type": "ostraka-board-key", "version": 1, "secret_key": "<hex>"}`. Generated on first start
 * if the file does not exist. The secret never leaves this module except as a SigningKey object;
 * only the public key and its fingerprint are ever printed or logged.
 */
export function loadOrCreateBoardKey(path: string): { key: SigningKey; created: boolean } {
  let created = false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      const key = generateSigningKey();
      writeSync(fd, JSON.stringify({ type: 'ostraka-board-key', version: 1, secret_key: toHex(key.secretKey) }) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return { key: loadBoardKey(path), created };
}

export function loadBoardKey(path: string): SigningKey {
  const mode = statSync(path).mode;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new Error(`key file ${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`key file ${path} is not valid JSON`);
  }
  const file = parsed as { type?: unknown; version?: unknown; secret_key?: unknown };
  if (file.type !== 'ostraka-board-key' || file.version !== 1 || typeof file.secret_key !== 'string')
    throw new Error(`key file ${path} is not an ostraka board key (version 1)`);
  try {
    return signingKeyFromSecret(fromHex(file.secret_key, 'secret_key', 32));
  } catch {
    throw new Error(`key file ${path}: secret_key must be 32 bytes of lower-case hex`);
  }
}

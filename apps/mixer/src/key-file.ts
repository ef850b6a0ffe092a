import { loadBoardKey } from '@ostraka/board';
import type { SigningKey } from '@ostraka/crypto';
import { UsageError } from './errors.js';

/**
 * The mix server's Ed25519 key, from a file made by `ostraka board keygen` (mode 0600). Errors
 * name the file and never show its contents.
 */
export function loadMixKey(path: string): SigningKey {
  try {
    return loadBoardKey(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`key file ${path} does not exist (make one with \`ostraka board keygen --out ${path}\`)`);
    if (code) throw new UsageError(`key file ${path} cannot be read (${code})`);
    throw new UsageError((e as Error).message);
  }
}

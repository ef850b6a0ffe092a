import { csprng } from '@ostraka/crypto';
import { runSync, syncExecutor } from './drivers/executor.js';
import { proveDriver } from './drivers/prove.js';
import { checkShuffleSecret, PROOF_NONCE_LENGTH, type ShuffleSecret } from './secret.js';
import type { ShuffleOptions } from './shuffle.js';
import type { ShuffleStatement } from './statement.js';

/**
 * The proof that `outputs` (from `shuffle` with this `secret`) re-encrypts a permutation of
 * `inputs`, in the byte format of docs/crypto.md §9.4 (single-threaded).
 */
export function proveShuffle(
  statement: ShuffleStatement,
  inputs: Uint8Array,
  outputs: Uint8Array,
  secret: ShuffleSecret,
  options: ShuffleOptions = {},
): Uint8Array {
  const key = checkShuffleSecret(secret);
  const nonce = (options.rng ?? csprng)(PROOF_NONCE_LENGTH);
  return runSync(proveDriver(statement, inputs, outputs, key, nonce, syncExecutor));
}

import type { RandomSource } from '@ostraka/crypto';
import { runSync, syncExecutor } from './drivers/executor.js';
import { shuffleDriver } from './drivers/shuffle.js';
import { proveShuffle } from './prove.js';
import { drawShuffleSecret, type ShuffleSecret } from './secret.js';
import type { ShuffleStatement } from './statement.js';

export interface ShuffleOptions {
  /** Randomness source; the platform CSPRNG unless a test passes a deterministic one. */
  readonly rng?: RandomSource;
}

export interface ShuffleOutput {
  /** The packed output ciphertexts, in the layout of the inputs. */
  readonly outputs: Uint8Array;
  /** What proveShuffle needs; secret (it links outputs to inputs). */
  readonly secret: ShuffleSecret;
}

/**
 * Re-encrypts and permutes a packed list of width-w ciphertexts (single-threaded; see
 * `@ostraka/shuffle/pool` for all cores). Inputs are decoded strictly: a DecodeError names the
 * first bad element. Duplicate inputs are allowed and shuffled as distinct items.
 */
export function shuffle(statement: ShuffleStatement, inputs: Uint8Array, options: ShuffleOptions = {}): ShuffleOutput {
  const secret = drawShuffleSecret(options.rng);
  const outputs = runSync(shuffleDriver(statement, inputs, secret.key, syncExecutor));
  return { outputs, secret };
}

/** shuffle, then proveShuffle. */
export function shuffleAndProve(
  statement: ShuffleStatement,
  inputs: Uint8Array,
  options: ShuffleOptions = {},
): { outputs: Uint8Array; proof: Uint8Array } {
  const { outputs, secret } = shuffle(statement, inputs, options);
  return { outputs, proof: proveShuffle(statement, inputs, outputs, secret, options) };
}

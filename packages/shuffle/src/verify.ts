import { runSync, syncExecutor } from './drivers/executor.js';
import { verifyDriver, type ShuffleVerdict } from './drivers/verify.js';
import type { ShuffleStatement } from './statement.js';

export type { ShuffleVerdict } from './drivers/verify.js';

/**
 * Checks a shuffle proof (single-threaded). Any malformed input list, output list or proof is a
 * `{ ok: false, reason }` verdict, never an exception; only a malformed statement (unknown
 * group, bad width, undecodable public key) throws, as a programming error of the caller.
 */
export function verifyShuffle(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array): ShuffleVerdict {
  return runSync(verifyDriver(statement, inputs, outputs, proof, syncExecutor));
}

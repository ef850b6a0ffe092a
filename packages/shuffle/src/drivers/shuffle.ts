import { generatePermutation } from '../permutation.js';
import { generatorsSeed } from '../transcript.js';
import { countCiphertexts, resolveStatement, type ShuffleStatement } from '../statement.js';
import type { ReencryptTask } from '../tasks/types.js';
import { throwIfFailed } from '../tasks/run-task.js';
import type { Driver, Executor } from './executor.js';

/**
 * Shuffle: draw the permutation ψ from the secret key, then output i := re-encryption of
 * input ψ[i] (every range in parallel). Returns the packed outputs.
 */
export function* shuffleDriver(statement: ShuffleStatement, inputs: Uint8Array, shuffleKey: Uint8Array, executor: Executor): Driver<Uint8Array> {
  const resolved = resolveStatement(statement);
  const n = countCiphertexts(resolved, inputs, 'inputs');
  const seed = generatorsSeed(resolved, n);
  const psi = executor.words(n);
  psi.set(generatePermutation(shuffleKey, n));
  const shared = executor.share(inputs);
  const outputs = executor.bytes(inputs.length);
  const tasks: ReencryptTask[] = executor
    .ranges(n)
    .map(([lo, hi]) => ({ kind: 'reencrypt', statement, n, seed, lo, hi, shuffleKey, psi, inputs: shared, outputs }));
  throwIfFailed(yield tasks);
  return outputs;
}

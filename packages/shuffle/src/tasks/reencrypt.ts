import { prfScalar } from '../prf.js';
import { taskContext } from './context.js';
import type { ReencryptTask } from './types.js';

/**
 * Output i := (a_ψ[i],k · g^{r'_i,k}, b_ψ[i],k · pk^{r'_i,k}) for every component k, with
 * r'_i,k = PRF(shuffle key, "reencrypt", i·w + k). The randomness is secret: constant-time
 * fixed-base multiplications.
 */
export function runReencrypt(task: ReencryptTask): void {
  const { group: G, resolved, g, pk } = taskContext(task);
  const w = resolved.width;
  const C = resolved.ciphertextLength;
  const count = task.hi - task.lo;
  const results: unknown[] = new Array(count * 2 * w);
  for (let i = task.lo; i < task.hi; i++) {
    const source = task.psi[i];
    const elements = G.decodeMany(task.inputs, 2 * w, `inputs[${source}]`, source * C);
    for (let k = 0; k < w; k++) {
      const r = prfScalar(G, task.shuffleKey, 'reencrypt', i * w + k);
      const at = (i - task.lo) * 2 * w + 2 * k;
      results[at] = G.add(elements[2 * k], g.multiply(r));
      results[at + 1] = G.add(elements[2 * k + 1], pk.multiply(r));
    }
  }
  task.outputs.set(G.encodeMany(results), task.lo * C);
}

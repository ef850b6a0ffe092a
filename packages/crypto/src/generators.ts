import { concatBytes, u32be, utf8 } from './bytes.js';
import type { Group } from './group/group.js';

/** Domain-separation tag of generator derivation; the group's name is appended. */
export const GENERATORS_DST_PREFIX = 'ostraka-v1-generators-';

/**
 * Independent generators h_start .. h_{start+count-1}: h_i = HashToGroup(seed ‖ u32be(i)) with
 * DST `ostraka-v1-generators-<group>`. Being outputs of hash to group, nobody knows a discrete
 * logarithm between them or to the standard generator (docs/crypto.md §Generators).
 * Ranges can be derived independently, so a worker pool splits the work.
 */
export function deriveGenerators<E>(group: Group<E>, seed: Uint8Array, start: number, count: number): E[] {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || start < 0 || count < 0 || start + count > 2 ** 32)
    throw new RangeError(`deriveGenerators: bad range [${start}, ${start + count})`);
  const dst = utf8(GENERATORS_DST_PREFIX + group.name);
  const out: E[] = new Array(count);
  for (let k = 0; k < count; k++) out[k] = group.hashToElement(concatBytes(seed, u32be(start + k)), dst);
  return out;
}

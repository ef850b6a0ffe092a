import type { Group } from '@ostraka/crypto';

/**
 * Partial sums travel between workers and the main thread as packed encodings in which the
 * identity (a legitimate partial sum) is all-zero bytes. This is an internal format between
 * trusted threads, never read from a proof.
 */
export function encodePartials<E>(group: Group<E>, points: readonly E[]): Uint8Array {
  return group.encodeMany(points);
}

export function decodePartials<E>(group: Group<E>, bytes: Uint8Array, count: number): E[] {
  const L = group.elementLength;
  const out: E[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const element = bytes.subarray(k * L, (k + 1) * L);
    out[k] = element.every((b) => b === 0) ? group.identity : group.decode(element, `partial[${k}]`);
  }
  return out;
}

/** Element-wise sum of equally long lists of partial sums. */
export function sumPartials<E>(group: Group<E>, lists: readonly (readonly E[])[], count: number): E[] {
  const out: E[] = new Array(count).fill(group.identity);
  for (const list of lists) for (let k = 0; k < count; k++) out[k] = group.add(out[k], list[k]);
  return out;
}

import type { Task } from '../tasks/types.js';
import { runTask } from '../tasks/run-task.js';

/**
 * A driver is one protocol (shuffle, prove, verify) written once as a generator: it yields the
 * tasks of a phase and receives their results, in order. The same driver runs synchronously in
 * this thread (`runSync`) or across a worker pool, so 1 and K workers execute the same steps.
 */
export type Driver<T> = Generator<readonly Task[], T, readonly unknown[]>;

/** Where a driver's tasks run: how work is split, and where shared buffers live. */
export interface Executor {
  /** Splits [0, n) into the index ranges of one phase. */
  ranges(n: number): Array<readonly [number, number]>;
  /** A zeroed buffer that tasks write into (shared memory in a pool). */
  bytes(length: number): Uint8Array;
  words(length: number): Uint32Array;
  /** The given bytes as tasks can read them (copied into shared memory in a pool). */
  share(bytes: Uint8Array): Uint8Array;
}

/** Ranges of at most `chunk` indices, as many as `parts` at least (for load balancing). */
export function splitRanges(n: number, chunk: number, parts = 1): Array<readonly [number, number]> {
  if (n === 0) return [];
  const count = Math.max(parts, Math.ceil(n / chunk));
  const size = Math.ceil(n / count);
  const out: Array<readonly [number, number]> = [];
  for (let lo = 0; lo < n; lo += size) out.push([lo, Math.min(n, lo + size)]);
  return out;
}

/**
 * Single-threaded execution in this thread. Ranges stay bounded so that no phase holds more
 * than a few thousand decoded elements at once, whatever N.
 */
export const SYNC_CHUNK = 4096;

export const syncExecutor: Executor = {
  ranges: (n) => splitRanges(n, SYNC_CHUNK),
  bytes: (length) => new Uint8Array(length),
  words: (length) => new Uint32Array(length),
  share: (bytes) => bytes,
};

export function runSync<T>(driver: Driver<T>): T {
  let step = driver.next([]);
  while (!step.done) step = driver.next(step.value.map(runTask));
  return step.value;
}

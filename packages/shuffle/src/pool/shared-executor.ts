import { splitRanges, type Executor } from '../drivers/executor.js';

/**
 * Ranges of at most POOL_CHUNK indices, their number a multiple of the worker count, so that
 * every worker gets the same amount of work and no task decodes more than a few thousand
 * elements at once (memory stays flat for a million ciphertexts).
 */
export const POOL_CHUNK = 4096;

/** Buffers live in shared memory, so that tasks read and write them without copies. */
export function sharedExecutor(workers: number): Executor {
  return {
    ranges: (n) => splitRanges(n, POOL_CHUNK, workers * Math.ceil(n / (workers * POOL_CHUNK))),
    bytes: (length) => new Uint8Array(new SharedArrayBuffer(length)),
    words: (length) => new Uint32Array(new SharedArrayBuffer(4 * length)),
    share(bytes) {
      if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      return shared;
    },
  };
}

/** A copy in an ordinary ArrayBuffer, for the caller (shared memory stays internal). */
export function unshare(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}

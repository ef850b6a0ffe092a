import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { verifySignature } from '@ostraka/crypto';
import type { VerifyBatch } from './verify-worker.js';

/** One Ed25519 check: `payload` is signed under `domain` (framing as `signedMessage`). */
export interface SignatureCheck {
  readonly publicKey: Uint8Array;
  readonly domain: string;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Verifies signatures off the event loop. Signature verification is the board's bottleneck
 * (about 1 ms per Ed25519 check with @noble/curves), so requests hand their checks to a pool of
 * worker threads, one per core, and the main thread keeps serving HTTP and committing.
 */
export interface SignatureVerifier {
  verify(check: SignatureCheck): Promise<boolean>;
  close(): Promise<void>;
  /** Checks waiting for a worker; exported as a metric. */
  pending(): number;
}

/** Verifies on the calling thread (tests, tools, one-core machines). */
export function inlineVerifier(): SignatureVerifier {
  return {
    verify: async (c) => malformed(c) ? false : verifySignature(c.publicKey, c.domain, c.payload, c.signature),
    close: async () => {},
    pending: () => 0,
  };
}

function malformed(c: SignatureCheck): boolean {
  return c.publicKey.length !== 32 || c.signature.length !== 64;
}

interface Waiting {
  check: SignatureCheck;
  resolve: (ok: boolean) => void;
  reject: (e: unknown) => void;
}

/**
 * A piscina pool of `threads` workers. Checks are queued on the main thread and handed to the
 * workers in batches, at most `depth` batches per worker in flight: while a worker verifies one
 * batch the next is already waiting, and everything that arrives meanwhile goes out as one batch.
 * Under load batches grow by themselves, so the per-message cost of crossing threads stays far
 * below the cost of one verification; at low load a check goes out alone, at once.
 */
export function poolVerifier(threads = availableParallelism(), maxBatch = 8, depth = 3): SignatureVerifier {
  const pool = new Piscina<VerifyBatch, Uint8Array>({
    filename: new URL('./verify-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Each worker holds its next batch already: it never waits for the main thread (which may be
    // blocked in a commit's fsync) to be handed more work.
    concurrentTasksPerWorker: depth,
  });
  const slots = threads * depth;
  const queue: Waiting[] = [];
  let running = 0;
  let inFlight = 0;

  const pump = () => {
    while (queue.length > 0 && running < slots) {
      const free = slots - running;
      const size = Math.max(1, Math.min(maxBatch, Math.ceil(queue.length / free)));
      dispatch(queue.splice(0, size));
    }
  };

  const dispatch = (items: Waiting[]) => {
    const n = items.length;
    let total = 0;
    for (const w of items) total += w.check.payload.length;
    const batch: VerifyBatch = {
      keys: new Uint8Array(32 * n),
      signatures: new Uint8Array(64 * n),
      payloads: new Uint8Array(total),
      ends: new Uint32Array(n),
      domains: new Array<string>(n),
    };
    let offset = 0;
    items.forEach((w, i) => {
      batch.keys.set(w.check.publicKey, 32 * i);
      batch.signatures.set(w.check.signature, 64 * i);
      batch.payloads.set(w.check.payload, offset);
      offset += w.check.payload.length;
      batch.ends[i] = offset;
      batch.domains[i] = w.check.domain;
    });
    running++;
    inFlight += n;
    pool.run(batch).then(
      (result) => {
        running--;
        inFlight -= n;
        pump();
        items.forEach((w, i) => w.resolve(result[i] === 1));
      },
      (error) => {
        running--;
        inFlight -= n;
        pump();
        items.forEach((w) => w.reject(error));
      },
    );
  };

  return {
    verify(check) {
      if (malformed(check)) return Promise.resolve(false);
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ check, resolve, reject });
        pump();
      });
    },
    close: () => pool.destroy(),
    pending: () => queue.length + inFlight,
  };
}

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
 * A piscina pool of `threads` workers. Checks that arrive in the same event-loop turn are packed
 * into a few batches (one per thread, at most `maxBatch` each), which keeps the per-message cost
 * of crossing threads far below the cost of one verification.
 */
export function poolVerifier(threads = availableParallelism(), maxBatch = 32): SignatureVerifier {
  const pool = new Piscina<VerifyBatch, Uint8Array>({
    filename: new URL('./verify-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  let queue: Waiting[] = [];
  let scheduled = false;
  let inFlight = 0;

  const flush = () => {
    scheduled = false;
    const items = queue;
    queue = [];
    const size = Math.max(1, Math.min(maxBatch, Math.ceil(items.length / threads)));
    for (let i = 0; i < items.length; i += size) dispatch(items.slice(i, i + size));
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
    inFlight += n;
    pool
      .run(batch, { transferList: [batch.keys.buffer, batch.signatures.buffer, batch.payloads.buffer, batch.ends.buffer] as never })
      .then(
        (result) => items.forEach((w, i) => w.resolve(result[i] === 1)),
        (error) => items.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        inFlight -= n;
      });
  };

  return {
    verify(check) {
      if (malformed(check)) return Promise.resolve(false);
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ check, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    close: () => pool.destroy(),
    pending: () => inFlight + queue.length,
  };
}

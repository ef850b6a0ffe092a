import { availableParallelism } from 'node:os';
import { ciphertextLength, type Group } from '@ostraka/crypto';
import { Piscina } from 'piscina';
import type { DecryptResult, DecryptTask } from './decrypt-worker.js';

export interface ParallelDecryption {
  readonly group: Group<unknown>;
  readonly election: string;
  readonly trustee: number;
  readonly keyShare: bigint;
  readonly verificationKey: unknown;
  readonly width: number;
  readonly count: number;
  /** The whole list, concatenated ciphertext encodings. */
  readonly packed: Uint8Array;
  readonly workers?: number;
  /** Called with the number of ciphertexts just finished. */
  readonly onProgress?: (done: number) => void;
}

export type ParallelDecryptionResult = DecryptResult;

/** One worker per core by default. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Chunks small enough for a smooth progress bar and an even load across workers, large enough
 * that messaging stays negligible next to ~2 ms of arithmetic per ciphertext.
 */
function chunkSize(count: number, workers: number): number {
  return Math.max(8, Math.min(512, Math.ceil(count / (workers * 16))));
}

/**
 * Partial decryptions with proofs of a whole list, split by index range across a piscina pool
 * of worker threads; returns the packed factors and proofs in list order.
 */
export async function decryptInParallel(job: ParallelDecryption): Promise<ParallelDecryptionResult> {
  const G = job.group;
  const workers = job.workers ?? defaultWorkers();
  const pool = new Piscina<DecryptTask, DecryptResult>({
    filename: new URL('./decrypt-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  const size = ciphertextLength(G, job.width);
  const elementBytes = job.width * G.elementLength;
  const proofLength = 2 * G.scalarLength;
  const factors = new Uint8Array(job.count * elementBytes);
  const proofs = new Uint8Array(job.count * proofLength);
  const step = chunkSize(job.count, workers);
  const keyShare = G.scalars.encode(job.keyShare);
  const verificationKey = G.encode(job.verificationKey);
  // The first bad ciphertext in list order is reported, whichever worker finds one first.
  let failure: { start: number; result: DecryptResult } | null = null;
  try {
    const tasks: Promise<void>[] = [];
    for (let start = 0; start < job.count; start += step) {
      const end = Math.min(job.count, start + step);
      const task: DecryptTask = {
        group: G.name,
        election: job.election,
        trustee: job.trustee,
        keyShare,
        verificationKey,
        width: job.width,
        start,
        // A copy per task, transferred (not cloned) to the worker.
        ciphertexts: job.packed.slice(start * size, end * size),
      };
      tasks.push(
        pool.run(task, { transferList: [task.ciphertexts.buffer as ArrayBuffer] }).then((result) => {
          if (!result.ok) {
            if (!failure || start < failure.start) failure = { start, result };
            return;
          }
          factors.set(result.factors, start * elementBytes);
          proofs.set(result.proofs, start * proofLength);
          job.onProgress?.(end - start);
        }),
      );
    }
    await Promise.all(tasks);
  } finally {
    await pool.destroy();
  }
  return failure ? (failure as { result: DecryptResult }).result : { ok: true, factors, proofs };
}

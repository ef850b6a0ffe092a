import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { csprng, type RandomSource } from '@ostraka/crypto';
import type { Driver } from '../drivers/executor.js';
import { proveDriver } from '../drivers/prove.js';
import { shuffleDriver } from '../drivers/shuffle.js';
import { verifyDriver, type ShuffleVerdict } from '../drivers/verify.js';
import { checkShuffleSecret, drawShuffleSecret, PROOF_NONCE_LENGTH, type ShuffleSecret } from '../secret.js';
import type { ShuffleOutput } from '../shuffle.js';
import type { ShuffleStatement } from '../statement.js';
import type { Task } from '../tasks/types.js';
import { sharedExecutor, unshare } from './shared-executor.js';

export interface ShufflePoolOptions {
  /** Worker threads; default: every core (`os.availableParallelism()`). */
  readonly workers?: number;
}

/** Progress of a long operation: `done` of `total` ranges of the current phase. */
export interface ShuffleProgress {
  readonly phase: 'shuffle' | 'commit' | 'chain-prefix' | 'chain' | 'responses' | 'verify';
  readonly done: number;
  readonly total: number;
}

export interface PoolCallOptions {
  /** Randomness source; the platform CSPRNG unless a test passes a deterministic one. */
  readonly rng?: RandomSource;
  readonly onProgress?: (progress: ShuffleProgress) => void;
}

export interface ShufflePool {
  readonly workers: number;
  shuffle(statement: ShuffleStatement, inputs: Uint8Array, options?: PoolCallOptions): Promise<ShuffleOutput>;
  prove(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, secret: ShuffleSecret, options?: PoolCallOptions): Promise<Uint8Array>;
  shuffleAndProve(statement: ShuffleStatement, inputs: Uint8Array, options?: PoolCallOptions): Promise<{ outputs: Uint8Array; proof: Uint8Array }>;
  verify(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array, options?: Pick<PoolCallOptions, 'onProgress'>): Promise<ShuffleVerdict>;
  /** Stops the workers; pending calls fail. */
  close(): Promise<void>;
}

/**
 * A pool of worker threads that runs the shuffle, the prover and the verifier with every phase
 * split by index range across all workers. Results are byte-identical to the single-threaded
 * functions of `@ostraka/shuffle` for the same randomness, whatever the number of workers.
 */
export function createShufflePool(options: ShufflePoolOptions = {}): ShufflePool {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) throw new RangeError(`workers: expected a positive integer, got ${workers}`);
  const piscina = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  const executor = sharedExecutor(workers);

  async function run<T>(driver: Driver<T>, onProgress?: (p: ShuffleProgress) => void): Promise<T> {
    let step = driver.next([]);
    while (!step.done) {
      const tasks: readonly Task[] = step.value;
      let done = 0;
      const phase = (tasks[0]?.kind === 'reencrypt' ? 'shuffle' : tasks[0]?.kind) as ShuffleProgress['phase'];
      onProgress?.({ phase, done, total: tasks.length });
      const results = await Promise.all(
        tasks.map(async (task) => {
          const result: unknown = await piscina.run(task);
          onProgress?.({ phase, done: ++done, total: tasks.length });
          return result;
        }),
      );
      step = driver.next(results);
    }
    return step.value;
  }

  const pool: ShufflePool = {
    workers,
    async shuffle(statement, inputs, call = {}) {
      const secret = drawShuffleSecret(call.rng);
      const outputs = await run(shuffleDriver(statement, inputs, secret.key, executor), call.onProgress);
      return { outputs: unshare(outputs), secret };
    },
    async prove(statement, inputs, outputs, secret, call = {}) {
      const key = checkShuffleSecret(secret);
      const nonce = (call.rng ?? csprng)(PROOF_NONCE_LENGTH);
      return unshare(await run(proveDriver(statement, inputs, outputs, key, nonce, executor), call.onProgress));
    },
    async shuffleAndProve(statement, inputs, call = {}) {
      const { outputs, secret } = await pool.shuffle(statement, inputs, call);
      return { outputs, proof: await pool.prove(statement, inputs, outputs, secret, call) };
    },
    verify: (statement, inputs, outputs, proof, call = {}) => run(verifyDriver(statement, inputs, outputs, proof, executor), call.onProgress),
    close: () => piscina.close(),
  };
  return pool;
}

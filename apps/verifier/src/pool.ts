/**
 * The worker pool (piscina) that spreads the expensive checks over the cores: signatures, ballot
 * proofs, shuffle proofs and partial decryptions. Tasks are the named exports of `worker.ts`;
 * they take and return plain data (bytes, strings), never objects with methods.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type * as Worker from './worker.js';

type Tasks = typeof Worker;
export type TaskName = keyof Tasks;

export class VerifierPool {
  private readonly piscina: Piscina;
  readonly size: number;

  constructor(workers = availableParallelism()) {
    this.size = Math.max(1, Math.floor(workers));
    this.piscina = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: 60_000,
    });
  }

  run<N extends TaskName>(name: N, input: Parameters<Tasks[N]>[0]): Promise<Awaited<ReturnType<Tasks[N]>>> {
    return this.piscina.run(input, { name });
  }

  /** Runs `name` over `items` in batches of `batch`, in parallel; results in the items' order. */
  async map<N extends TaskName, I>(
    name: N,
    items: readonly I[],
    batch: number,
    toInput: (slice: I[], offset: number) => Parameters<Tasks[N]>[0],
    onBatch?: (done: number) => void,
  ): Promise<Awaited<ReturnType<Tasks[N]>>[]> {
    const jobs: Promise<Awaited<ReturnType<Tasks[N]>>>[] = [];
    let done = 0;
    for (let offset = 0; offset < items.length; offset += batch) {
      const slice = items.slice(offset, offset + batch);
      jobs.push(
        this.run(name, toInput(slice, offset)).then((r) => {
          done += slice.length;
          onBatch?.(done);
          return r;
        }),
      );
    }
    return Promise.all(jobs);
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

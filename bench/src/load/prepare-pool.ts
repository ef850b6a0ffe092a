import { Worker } from 'node:worker_threads';
import type { BallotContext } from './ballot-factory.js';

/**
 * Prepares `count` ballot requests ahead of a run on `threads` worker threads (all cores by
 * default: nothing else runs while they work), so that encrypting costs the client nothing during
 * the measured window. Resolves with the request bodies, in the order ballots will be cast.
 */
export async function prepareBallots(ctx: BallotContext, secrets: readonly string[], first: number, count: number, threads: number, onProgress: (done: number) => void): Promise<string[]> {
  const share = Math.ceil(count / threads);
  let done = 0;
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const from = t * share;
      const n = Math.max(0, Math.min(share, count - from));
      return new Promise<string[]>((resolve, reject) => {
        if (n === 0) return resolve([]);
        const bodies: string[] = [];
        const w = new Worker(new URL('./prepare-worker.js', import.meta.url), { workerData: { ctx, secrets: [...secrets], first: first + from, count: n } });
        w.on('message', (m: { bodies?: string[]; done?: boolean }) => {
          if (m.bodies) {
            bodies.push(...m.bodies);
            done += m.bodies.length;
            onProgress(done);
          }
          if (m.done) void w.terminate().then(() => resolve(bodies));
        });
        w.once('error', reject);
      });
    }),
  );
  return parts.flat();
}

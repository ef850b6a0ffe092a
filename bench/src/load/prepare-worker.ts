import { parentPort, workerData } from 'node:worker_threads';
import { BallotFactory, type BallotContext } from './ballot-factory.js';

/** A worker thread of the load benchmark's ballot preparation: makes its share of the requests, in batches. */
const { ctx, secrets, first, count } = workerData as { ctx: BallotContext; secrets: string[]; first: number; count: number };
const factory = new BallotFactory(ctx);
const batch = 2000;
for (let done = 0; done < count; done += batch) {
  const n = Math.min(batch, count - done);
  parentPort?.postMessage({ bodies: factory.make(secrets, first + done, n) });
}
parentPort?.postMessage({ done: true });

import { parentPort, workerData } from 'node:worker_threads';
import { generateSigningKey, sign, verifySignature } from '@ostraka/crypto';

/**
 * A worker thread that does nothing but verify Ed25519 signatures (`verifySignature`, as the
 * board's workers do) for `seconds`, and reports how many it verified. One per core, all at once,
 * gives the machine's bare verification rate under the same conditions as the ingest run.
 */
const { seconds } = workerData as { seconds: number };
const key = generateSigningKey();
const samples = Array.from({ length: 32 }, (_, i) => {
  const payload = new TextEncoder().encode(`{"board":"bench","payload":{"n":${i}},"signer":"bench","type":"message.inbox"}`);
  return { payload, signature: sign(key, 'ostraka-entry-v1', payload) };
});
for (let i = 0; i < 20; i++) verifySignature(key.publicKey, 'ostraka-entry-v1', samples[i % 32].payload, samples[i % 32].signature);
const end = performance.now() + seconds * 1000;
let count = 0;
const start = performance.now();
while (performance.now() < end) {
  const s = samples[count % samples.length];
  if (!verifySignature(key.publicKey, 'ostraka-entry-v1', s.payload, s.signature)) throw new Error('bench signature does not verify');
  count++;
}
parentPort?.postMessage({ count, seconds: (performance.now() - start) / 1000 });

import { join } from 'node:path';
import { loadOrCreateBoardKey } from '@ostraka/board';
import { BoardClient } from '@ostraka/board/client';
import { verifyInclusion } from '@ostraka/protocol/log';
import { progress } from '../lib/measure.js';
import { startBoard } from './board-process.js';
import { buildLog, hashBytes } from './build-log.js';
import { closedLoop, percentile } from './http-load.js';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Inclusion proofs served by a board process on a log of `entries` entries built through the
 * storage layer (in `dir`): a sample of proofs verified against the signed root first, then
 * `clients` closed-loop clients requesting proofs of random entries for `seconds`.
 */
export async function measureInclusionProofs(options: { dir: string; authorityKey: Uint8Array; entries: number; clients: number; seconds: number }): Promise<Record<string, number>> {
  const { dir, entries, clients, seconds } = options;
  const db = join(dir, 'proofs.sqlite');
  const keyFile = join(dir, 'proofs.key');
  const { key } = loadOrCreateBoardKey(keyFile);
  progress(`building a log of ${entries} entries through the storage layer`);
  const t0 = performance.now();
  const { root } = await buildLog(db, key, options.authorityKey, entries, (n) => {
    if (n % 200_000 === 0 || n === entries) progress(`  ${n} entries`);
  });
  const buildS = (performance.now() - t0) / 1000;
  const server = await startBoard(['--db', db, '--key-file', keyFile, '--rate-limit', '0']);
  try {
    const client = new BoardClient(server.url);
    const head = await client.head();
    if (head.size !== entries || head.root !== root) throw new Error('the served head is not the built log');
    for (const index of [0, 1, entries >> 1, entries - 1, 123_457 % entries]) {
      const entry = (await client.entries(index, index + 1)).entries[0];
      const p = await client.inclusionProof({ index });
      if (!verifyInclusion(index, head.size, hashBytes(entry.leaf_hash), p.proof.map(hashBytes), hashBytes(head.root))) throw new Error(`proof ${index} does not verify`);
    }
    progress(`inclusion proofs at ${entries} entries: ${clients} clients, ${seconds} s`);
    let seed = 42;
    const load = await closedLoop(server.url, clients, 1, seconds, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return { method: 'GET', path: `/log/proof/inclusion?index=${seed % entries}&size=${entries}` };
    }, 200);
    const result = {
      entries,
      build_s: round(buildS),
      clients,
      requests_per_s: round(load.perSecond),
      p50_ms: round(percentile(load.latenciesMs, 50), 2),
      p99_ms: round(percentile(load.latenciesMs, 99), 2),
      errors: load.errors,
    };
    progress(`  ${result.requests_per_s} proofs/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms`);
    return result;
  } finally {
    await server.stop();
  }
}

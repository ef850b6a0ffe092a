/**
 * `npm run bench -- board [--clients 64] [--seconds 10] [--warmup 3] [--runs 3] [--proof-entries 1000000]
 *  [--proof-seconds 8] [--threads N] [--skip-proofs] --json`
 *
 * The bulletin board under load, as a separate `ostraka board serve` process over HTTP:
 * 1. bare Ed25519 verification (`verifySignature`, @noble/curves): one thread, then one thread
 *    per core verifying flat out at once, before and after the ingest run (the machine is shared:
 *    the floor compares ingest with the mean of the two all-core measurements);
 * 2. ingest: `clients` concurrent closed-loop clients posting signed inbox messages (each one
 *    verified, validated, appended to the Merkle log, group-committed with fsync and acknowledged
 *    with a signed tree head): entries/s, p50 and p99 latency, medians of `runs` windows;
 * 3. proofs: inclusion-proof requests/s at random indexes on a log of `proof-entries` entries,
 *    built directly through the storage layer.
 * Floor (issue 4): ingest ≥ 70% of the bare verification rate of the machine's cores, p99 < 100 ms.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, signedMessage, toHex } from '@ostraka/crypto';
import { keyId } from '@ostraka/protocol/log';
import { BoardClient } from '@ostraka/board/client';
import { parseArgs } from './lib/args.js';
import { median, peakRssMb, progress, report } from './lib/measure.js';
import { startBoard } from './board/board-process.js';
import { measureInclusionProofs } from './board/inclusion-proofs.js';
import { fastSigner } from './board/fast-signer.js';
import { closedLoop, percentile } from './board/http-load.js';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Verifications per second of `threads` threads verifying flat out for `seconds` (no pool, no I/O). */
async function verifyFlatOut(threads: number, seconds: number): Promise<number> {
  const results = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<{ count: number; seconds: number }>((resolve, reject) => {
          const w = new Worker(new URL('./board/verify-loop.js', import.meta.url), { workerData: { seconds } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return results.reduce((sum, r) => sum + r.count / r.seconds, 0);
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['clients', 'seconds', 'warmup', 'runs', 'proof-entries', 'proof-seconds', 'threads', 'skip-proofs']);
  const runs = args.number('runs', 3);
  const cores = availableParallelism();
  const clients = args.number('clients', 64);
  const seconds = args.number('seconds', 10);
  const warmup = args.number('warmup', 3);
  const proofEntries = args.number('proof-entries', 1_000_000);
  const proofSeconds = args.number('proof-seconds', 8);
  const threads = args.number('threads', cores);
  const dir = mkdtempSync(join(tmpdir(), 'ostraka-bench-board-'));
  try {
    progress(`bare Ed25519 verification: 1 thread, then ${cores} threads at once`);
    const perCore = await verifyFlatOut(1, 3);
    const allCoresBefore = await verifyFlatOut(cores, 3);
    progress(`  ${round(perCore)}/s on one core, ${round(allCoresBefore)}/s on ${cores} cores`);

    // --- ingest ---
    const authority = generateSigningKey();
    const server = await startBoard(['--db', join(dir, 'ingest.sqlite'), '--authority-key', toHex(authority.publicKey), '--rate-limit', '0', '--verify-threads', String(threads)]);
    let ingest;
    try {
      const client = new BoardClient(server.url);
      const board = await client.boardId();
      const box = generateSigningKey();
      const boxId = keyId(box.publicKey);
      await client.createPeer(authority, box, { name: 'ballot box', peer_type: 'BALLOT_BOX', size_min: 0, size_max: 100_000_000 });
      await client.openCycle(box, 1);
      const senders = Array.from({ length: clients }, () => generateSigningKey());
      progress(`registering ${clients} client keys`);
      for (const s of senders) await client.createPeer(authority, s, { name: 'client', peer_type: 'CLIENT', size_min: 0, size_max: 0 });
      const expected = Math.ceil(perCore * cores * (runs * seconds + warmup) * 1.3) + clients;
      progress(`pre-signing ${expected} messages`);
      const signers = senders.map(fastSigner);
      const bodies: Buffer[][] = senders.map(() => []);
      for (let k = 0; k < expected; k++) {
        const c = k % clients;
        const payload = { operation: 'create', resource: 'message', sender: keyId(senders[c].publicKey), recipient: boxId, peer_id: boxId, cycle_id: 1, box: 0, data: { ballot: toHex(signedMessage('bench', new TextEncoder().encode(String(k)))) } };
        bodies[c].push(Buffer.from(JSON.stringify(signers[c](board, 'message.inbox', payload))));
      }
      const path = `/peers/${boxId}/cycles/1/inbox`;
      const windows: { entries_per_s: number; p50_ms: number; p99_ms: number; errors: number; entries: number }[] = [];
      for (let r = 0; r < runs; r++) {
        progress(`ingest run ${r + 1}/${runs}: ${clients} clients, ${r === 0 ? `${warmup} s warm-up, ` : ''}${seconds} s measured`);
        const load = await closedLoop(server.url, clients, r === 0 ? warmup : 0, seconds, (c) => {
          const body = bodies[c].pop();
          return body ? { method: 'POST', path, body } : null;
        }, 201);
        if (bodies.some((b) => b.length === 0)) progress('warning: a client ran out of pre-signed messages');
        windows.push({
          entries: load.completed,
          entries_per_s: round(load.perSecond),
          p50_ms: round(percentile(load.latenciesMs, 50), 2),
          p99_ms: round(percentile(load.latenciesMs, 99), 2),
          errors: load.errors,
        });
        progress(`  ${load.perSecond.toFixed(1)} entries/s, p50 ${windows[r].p50_ms} ms, p99 ${windows[r].p99_ms} ms, errors ${load.errors}`);
      }
      ingest = {
        clients,
        seconds,
        runs,
        entries_per_s: median(windows.map((w) => w.entries_per_s)),
        p50_ms: median(windows.map((w) => w.p50_ms)),
        p99_ms: median(windows.map((w) => w.p99_ms)),
        errors: windows.reduce((n, w) => n + w.errors, 0),
        windows,
      };
    } finally {
      await server.stop();
    }
    // The machine is shared: measure the bare rate again right after, and compare with the mean.
    const allCoresAfter = await verifyFlatOut(cores, 3);
    const allCores = (allCoresBefore + allCoresAfter) / 2;
    progress(`  bare verification after the run: ${round(allCoresAfter)}/s on ${cores} cores`);

    // --- proofs on a large log ---
    let proofs: Record<string, number> | null = null;
    if (!args.flag('skip-proofs')) {
      proofs = await measureInclusionProofs({ dir, authorityKey: authority.publicKey, entries: proofEntries, clients, seconds: proofSeconds });
    }

    report(
      {
        benchmark: 'board',
        cores,
        node: process.version,
        verify_one_core_per_s: round(perCore),
        verify_all_cores_per_s: round(allCores),
        verify_all_cores_before_after: [round(allCoresBefore), round(allCoresAfter)],
        ingest: { ...ingest, vs_verify_all_cores: round(ingest.entries_per_s / allCores, 3), vs_one_core_times_cores: round(ingest.entries_per_s / (perCore * cores), 3) },
        proofs,
        floor: {
          ingest_min_ratio: 0.7,
          p99_max_ms: 100,
          met: ingest.entries_per_s / allCores >= 0.7 && ingest.p99_ms < 100 && ingest.errors === 0,
        },
        peak_rss_mb: round(peakRssMb()),
      },
      args.json,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

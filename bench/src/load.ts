/**
 * `npm run bench -- load [--seconds 600] [--clients 64] [--voters 10000] [--warmup 10]
 *  [--calibrate 10] [--threads N] [--sample-every 10] [--proof-entries 1000000] [--proof-seconds 10]
 *  [--skip-proofs] --json`
 *
 * Sustained voting against a real `ostraka board serve` process (the election plugin loaded):
 * an election is set up with in-process trustees and `voters` registered credentials, voting
 * opens, and `clients` concurrent voters cast real, valid ballots (fresh encryptions with proofs,
 * signed by their credentials; re-votes replace earlier ballots) over keep-alive connections for
 * `seconds`. Ballots are prepared ahead, on worker threads, before the window (a short
 * calibration run sizes the batch), so the window measures the board, not the client's
 * encryption. The board process's resident memory is sampled throughout.
 *
 * Then inclusion-proof latency on a log of `proof-entries` entries built through the storage
 * layer (as the board benchmark does), served by a fresh board process.
 *
 * One JSON object: ballots_per_s, p50_ms, p99_ms, errors (non-201 answers and dropped requests),
 * rss_start_mb, rss_end_mb (the board's, at the start and end of the window), rss samples, and
 * inclusion-proof figures.
 */
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, toHex } from '@ostraka/crypto';
import { ElectionFixture } from '@ostraka/election/testing';
import { parseArgs } from './lib/args.js';
import { peakRssMb, progress, report } from './lib/measure.js';
import { startBoard } from './board/board-process.js';
import { measureInclusionProofs } from './board/inclusion-proofs.js';
import { closedLoop, percentile } from './board/http-load.js';
import { prepareBallots } from './load/prepare-pool.js';
import { processRssMb } from './load/process-rss.js';
import type { BallotContext } from './load/ballot-factory.js';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['seconds', 'clients', 'voters', 'warmup', 'calibrate', 'threads', 'sample-every', 'proof-entries', 'proof-seconds', 'skip-proofs']);
  const seconds = args.number('seconds', 600);
  const clients = args.number('clients', 64);
  const voters = args.number('voters', 10_000);
  const warmup = args.number('warmup', 10);
  const calibrate = args.number('calibrate', 10);
  const threads = args.number('threads', availableParallelism());
  const sampleEvery = args.number('sample-every', 10);
  const proofEntries = args.number('proof-entries', 1_000_000);
  const proofSeconds = args.number('proof-seconds', 10);
  const dir = mkdtempSync(join(tmpdir(), 'ostraka-bench-load-'));
  try {
    const authority = generateSigningKey();
    const db = join(dir, 'load.sqlite');
    const server = await startBoard(['--db', db, '--authority-key', toHex(authority.publicKey), '--rate-limit', '0']);
    const pid = server.child.pid as number;
    let run;
    try {
      progress(`setting up an election with ${voters} voters (in-process trustees)`);
      const fx = new ElectionFixture({ boardUrl: server.url, boardAuthority: authority, election: 'load', trustees: { threshold: 2, count: 3 } });
      await fx.prepare(voters);
      const status = await fx.authority.status();
      const ctx: BallotContext = { manifest: fx.manifest, jointKey: fx.jointKey, board: await fx.client.boardId(), authority: fx.authority.peerId, cycle: status.ballot_cycle as number };
      const secrets = [...fx.credentials.values()].map((k) => toHex(k.secretKey));
      const path = `/peers/${ctx.authority}/cycles/${ctx.cycle}/inbox`;
      const cast = (bodies: string[]) => (c: number) => {
        void c;
        const body = bodies.pop();
        return body ? { method: 'POST', path, body: Buffer.from(body) } : null;
      };
      let next = 0;
      const prepare = async (count: number, what: string) => {
        const t0 = performance.now();
        const bodies = await prepareBallots(ctx, secrets, next, count, threads, (done) => {
          if (done % 20_000 < 2000 || done === count) progress(`  ${what}: ${done}/${count} ballots prepared`);
        });
        next += count;
        return { bodies: bodies.reverse(), seconds: (performance.now() - t0) / 1000 };
      };

      // Calibration: how fast does this board take ballots here and now? It sizes the batch.
      const calibration = await prepare(clients * 40, 'calibration');
      progress(`calibration: ${clients} voters for ${calibrate} s`);
      const probe = await closedLoop(server.url, clients, 2, calibrate, cast(calibration.bodies), 201);
      const rate = Math.max(probe.perSecond, 1);
      progress(`  ${rate.toFixed(0)} ballots/s, errors ${probe.errors}`);

      const needed = Math.ceil(rate * (seconds + warmup) * 1.25) + clients * 10;
      const batch = await prepare(needed, 'the run');
      progress(`prepared ${needed} ballots in ${batch.seconds.toFixed(0)} s on ${threads} threads (${((batch.seconds * threads * 1000) / needed).toFixed(2)} ms of CPU each)`);

      // The measured window, with the board's memory sampled as it goes.
      const samples: { t_s: number; rss_mb: number | null }[] = [];
      const started = performance.now();
      const sample = () => samples.push({ t_s: round((performance.now() - started) / 1000), rss_mb: processRssMb(pid) });
      sample();
      const sampler = setInterval(sample, sampleEvery * 1000);
      progress(`load: ${clients} voters, ${warmup} s warm-up, ${seconds} s measured`);
      const heartbeat = setInterval(() => progress(`  ${round((performance.now() - started) / 1000, 0)} s, ${batch.bodies.length} ballots left, board RSS ${processRssMb(pid)?.toFixed(0)} MB`), 30_000);
      const before = (await fx.authority.status()).ballots_cast;
      let rssStart: number | null = null;
      const windowStart = setTimeout(() => (rssStart = processRssMb(pid)), warmup * 1000);
      const load = await closedLoop(server.url, clients, warmup, seconds, cast(batch.bodies), 201);
      clearTimeout(windowStart);
      const rssEnd = processRssMb(pid);
      clearInterval(sampler);
      clearInterval(heartbeat);
      sample();
      const after = await fx.authority.status();
      const accepted = Object.entries(load.statuses).reduce((n, [s, k]) => (s === '201' ? n + k : n), 0);
      const window = samples.filter((s) => s.t_s >= warmup && s.rss_mb !== null).map((s) => s.rss_mb as number);
      run = {
        seconds,
        warmup_s: warmup,
        clients,
        voters,
        ballots_per_s: round(load.perSecond),
        p50_ms: round(percentile(load.latenciesMs, 50), 2),
        p99_ms: round(percentile(load.latenciesMs, 99), 2),
        errors: load.errors,
        statuses: load.statuses,
        ballots_in_window: load.completed,
        ran_out: batch.bodies.length === 0,
        // Every ballot the board acknowledged is on its log and counted for the election.
        counted_matches_acknowledged: after.ballots_cast - before === accepted,
        rss_start_mb: rssStart === null ? null : round(rssStart),
        rss_end_mb: rssEnd === null ? null : round(rssEnd),
        rss_min_mb: window.length ? round(Math.min(...window)) : null,
        rss_max_mb: window.length ? round(Math.max(...window)) : null,
        rss_samples: samples,
        log_entries: after.tree_head.size,
        database_mb: round(statSync(db).size / 2 ** 20),
        calibration_per_s: round(rate),
        prepared: { ballots: needed + calibration.bodies.length, mode: 'ahead of the window, on worker threads', threads, seconds: round(batch.seconds) },
      };
      progress(`  ${run.ballots_per_s} ballots/s, p50 ${run.p50_ms} ms, p99 ${run.p99_ms} ms, errors ${run.errors}, board RSS ${run.rss_start_mb} → ${run.rss_end_mb} MB`);
    } finally {
      await server.stop();
    }

    let inclusion: Record<string, number> | null = null;
    if (!args.flag('skip-proofs')) {
      inclusion = await measureInclusionProofs({ dir, authorityKey: authority.publicKey, entries: proofEntries, clients, seconds: proofSeconds });
    }

    report({ benchmark: 'load', cores: availableParallelism(), node: process.version, ...run, inclusion, bench_peak_rss_mb: round(peakRssMb()) }, args.json);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- verify --voters N [--mix M] [--workers K] [--runs R] [--group G] [--dir DIR] [--keep DIR] --json`
 *
 * Verification time per phase (ostraka-verify) of the transcript of an election of N voters,
 * generated with the system's code (or read from --dir; --keep saves the generated one), with
 * the shuffle proofs' ciphertexts per second per core, and, for comparison on the same machine
 * in the same run, the prover's (shuffle + prove of one round of the same size and width with the
 * same worker count). Medians of R runs. Each phase also reports its CPU time (the process and
 * its worker threads): on a machine shared with other work, ciphertexts per CPU-second compare
 * better than wall-clock rates. One JSON object on stdout, progress on stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ciphertextLength, groupByName, type GroupName } from '@ostraka/crypto';
import { createShufflePool } from '@ostraka/shuffle/pool';
import { readTranscriptDirectory, verifyTranscript, VerifierPool, type Report } from 'ostraka-verify';
import { parseArgs } from './lib/args.js';
import { measureVarmul, median, peakRssMb, progress, report } from './lib/measure.js';
import { runSampleElection } from '@ostraka/election/testing';

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['voters', 'mix', 'workers', 'runs', 'group', 'dir', 'keep']);
  const voters = args.number('voters', 1000);
  const workers = args.number('workers', availableParallelism());
  const runs = args.number('runs', 3);
  const group = args.string('group', 'ristretto255') as GroupName;
  const keep = args.string('keep', '');
  let dir = args.string('dir', '');
  let generation: Record<string, number> = {};
  const scratch = mkdtempSync(join(tmpdir(), 'ostraka-bench-verify-'));
  try {
    if (!dir) {
      dir = keep || join(scratch, 'transcript');
      const g = await runSampleElection({ voters, mixServers: args.number('mix', 2), group, out: dir, onProgress: progress });
      generation = { generate_s: g.seconds };
    }
    progress(`varmul (${group})`);
    const varmul = measureVarmul(group);

    const raw = readTranscriptDirectory(dir);
    const pool = new VerifierPool(workers);
    const reports: Report[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        const r = await verifyTranscript(raw, { pool });
        if (!r.ok) throw new Error(`the transcript does not verify: ${JSON.stringify(r.failures.slice(0, 3))}`);
        reports.push(r);
        progress(`run ${run + 1}/${runs}: ${r.seconds.toFixed(2)} s (${r.phases.map((p) => `${p.phase} ${p.seconds.toFixed(2)}`).join(', ')})`);
      }
    } finally {
      await pool.close();
    }
    const phase = (name: string) => median(reports.map((r) => r.phases.find((p) => p.phase === name)?.seconds ?? 0));
    const cpu = (name: string) => median(reports.map((r) => r.phases.find((p) => p.phase === name)?.cpuSeconds ?? 0));
    const phases = Object.fromEntries(reports[0].phases.map((p) => [`${p.phase}_s`, phase(p.phase)]));
    const cpuPhases = Object.fromEntries(reports[0].phases.map((p) => [`${p.phase}_cpu_s`, cpu(p.phase)]));
    const s = reports[0].summary;
    const width = Number(s.width);
    const shuffled = Number(s.shuffled_ciphertexts);
    const ballots = Number(s.ballot_box);
    const shuffleS = phase('shuffle');
    const shuffleCpu = cpu('shuffle');

    // The prover on the same machine: one round of the same size and width, same workers.
    progress(`prover: shuffle and prove ${ballots} ciphertexts of width ${width} with ${workers} workers`);
    const index = JSON.parse(readFileSync(join(dir, 'transcript.json'), 'utf8'));
    const proverTimes = await proveOnce(dir, index.election, group, width, ballots, workers, Math.min(runs, 2));

    report(
      {
        voters: Number(s.credentials ?? voters),
        ballots,
        width,
        group,
        mix_rounds: Number(s.mix_rounds),
        entries: Number(s.entries),
        workers,
        runs,
        varmul_s: varmul,
        total_s: median(reports.map((r) => r.seconds)),
        ...phases,
        ...cpuPhases,
        shuffle: {
          ciphertexts: shuffled,
          seconds: shuffleS,
          cpu_s: shuffleCpu,
          ciphertexts_per_s_per_core: Math.round(shuffled / (shuffleS * workers)),
          ciphertexts_per_cpu_s: Math.round(shuffled / shuffleCpu),
          varmul_per_ciphertext: (shuffleS * workers) / (shuffled * varmul),
          cpu_varmul_per_ciphertext: shuffleCpu / (shuffled * varmul),
        },
        prover: {
          ciphertexts: ballots,
          shuffle_s: proverTimes.shuffle,
          prove_s: proverTimes.prove,
          shuffle_cpu_s: proverTimes.shuffleCpu,
          prove_cpu_s: proverTimes.proveCpu,
          prove_ciphertexts_per_s_per_core: Math.round(ballots / (proverTimes.prove * workers)),
          prove_ciphertexts_per_cpu_s: Math.round(ballots / proverTimes.proveCpu),
          shuffle_and_prove_ciphertexts_per_s_per_core: Math.round(ballots / ((proverTimes.shuffle + proverTimes.prove) * workers)),
          shuffle_and_prove_ciphertexts_per_cpu_s: Math.round(ballots / (proverTimes.shuffleCpu + proverTimes.proveCpu)),
        },
        ballots_per_s_per_core: Math.round(Number(s.ballots_cast) / (phase('ballots') * workers)),
        decryption_ciphertexts_per_s_per_core: Math.round(ballots / (phase('decryption') * workers)),
        peak_rss_mb: Math.round(peakRssMb()),
        ...generation,
        node: process.version,
      },
      args.json,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Shuffles and proves the transcript's last mix output once per run (the prover's cost for this list). */
async function proveOnce(dir: string, election: string, group: GroupName, width: number, count: number, workers: number, runs: number): Promise<{ shuffle: number; prove: number; shuffleCpu: number; proveCpu: number }> {
  const files = readdirSync(join(dir, 'log')).filter((f) => f.startsWith('entries-')).sort();
  const lines = files.flatMap((f) => readFileSync(join(dir, 'log', f), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l)));
  const ready = lines.find((e) => e.type === 'election.state' && e.payload.state === 'ready');
  const chunks = lines.filter((e) => e.type === 'message.outbox' && e.payload.data?.part === 'output' && e.payload.data?.election === election);
  // Mix-round chunks carry their round as a decimal string (docs/transcript.md §10.8).
  const last = Math.max(...chunks.map((e) => Number(e.payload.data.round)));
  const inputs = Buffer.from(chunks.filter((e) => Number(e.payload.data.round) === last).map((e) => e.payload.data.bytes).join(''), 'hex');
  if (!Number.isSafeInteger(last) || inputs.length !== count * ciphertextLength(groupByName(group), width))
    throw new Error(`the transcript has no complete last mix output of ${count} ciphertexts`);
  const statement = { group, publicKey: Buffer.from(ready.payload.joint_key, 'hex'), width, election, round: last + 1 };
  const pool = createShufflePool({ workers });
  const times = { shuffle: [] as number[], prove: [] as number[], shuffleCpu: [] as number[], proveCpu: [] as number[] };
  const cpuSince = (c: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1e6;
  };
  try {
    await pool.shuffle(statement, new Uint8Array(inputs)); // warm the workers up
    for (let run = 0; run < runs; run++) {
      let t = performance.now();
      let c = process.cpuUsage();
      const { outputs, secret } = await pool.shuffle(statement, new Uint8Array(inputs));
      times.shuffle.push((performance.now() - t) / 1000);
      times.shuffleCpu.push(cpuSince(c));
      t = performance.now();
      c = process.cpuUsage();
      await pool.prove(statement, new Uint8Array(inputs), outputs, secret);
      times.prove.push((performance.now() - t) / 1000);
      times.proveCpu.push(cpuSince(c));
    }
  } finally {
    await pool.close();
  }
  return { shuffle: median(times.shuffle), prove: median(times.prove), shuffleCpu: median(times.shuffleCpu), proveCpu: median(times.proveCpu) };
}

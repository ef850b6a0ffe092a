/**
 * `npm run bench -- shuffle --n N --width W --workers K --group ristretto255|p256 [--runs R] --json`
 *
 * Shuffles, proves and verifies N ciphertexts of width W with a pool of K workers and prints
 * one JSON object: group, n, width, workers, shuffle_s, prove_s, verify_s (medians of R runs),
 * varmul_s (one noble variable-base multiplication, the unit of the floors; the median of samples
 * taken before the runs and after each), proof_bytes,
 * ciphertext_bytes (the encoded input list), peak_rss_mb (the process with its workers), and
 * per-phase times, costs in varmul per ciphertext, ciphertexts per second per core, the CPU
 * seconds of the process (all threads) per phase, and the load average at the end.
 *
 * Inputs: 256 fresh encryptions repeated to N, then re-randomised by one untimed shuffle, so
 * that all N inputs are distinct ciphertexts (generating N fresh ones would take longer than
 * the benchmark).
 */
import {
  concatBytes,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  generateKeyPair,
  groupByName,
  type GroupName,
} from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';
import { createShufflePool, type ShuffleProgress } from '@ostraka/shuffle/pool';
import { loadavg } from 'node:os';
import { parseArgs } from './lib/args.js';
import { p256 } from '@noble/curves/nist.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { measureVarmul, median, peakRssMb, progress, report } from './lib/measure.js';

const DISTINCT = 256;

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['n', 'width', 'workers', 'group', 'runs']);
  const n = args.number('n', 10_000);
  const width = args.number('width', 1);
  const workers = args.number('workers', 1);
  const runs = args.number('runs', 1);
  const groupName = args.string('group', 'ristretto255') as GroupName;
  const G = groupByName(groupName);

  // The unit is sampled before the runs and after each (the pool idle), and its median kept: on a
  // shared machine one sample can land in another process's burst.
  progress(`varmul (${groupName})`);
  const varmulSamples = [measureVarmul(groupName)];
  const varmulCpu = measureVarmulCpu(groupName);

  progress(`${n} inputs of width ${width}`);
  const rng = deterministicRandom(`bench/shuffle/${groupName}`);
  const keys = generateKeyPair(G, rng);
  const elgamal = new ElGamal(G, keys.public);
  const distinct = Array.from({ length: Math.min(n, DISTINCT) }, () => {
    const m = Array.from({ length: width }, () => G.multiplyPublic(G.generator, G.scalars.randomNonZero(rng)));
    return encodeCiphertext(G, elgamal.encrypt(m, rng).ciphertext);
  });
  const statement: ShuffleStatement = { group: groupName, publicKey: G.encode(keys.public), width, election: 'bench', round: 1 };
  const tiled = new Uint8Array(n * 2 * width * G.elementLength);
  for (let i = 0; i < n; i++) tiled.set(distinct[i % distinct.length], i * distinct[0].length);

  const pool = createShufflePool({ workers });
  try {
    const inputs = n > DISTINCT ? (await pool.shuffle(statement, tiled)).outputs : concatBytes(tiled);
    const phases = new Map<string, number[]>();
    const times = { shuffle: [] as number[], prove: [] as number[], verify: [] as number[] };
    // CPU seconds of the process (all threads): what the work costs, whatever else runs.
    const cpu = { shuffle: [] as number[], prove: [] as number[], verify: [] as number[] };
    const cpuSince = (start: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1e6;
    };
    let proofBytes = 0;
    for (let run = 0; run < runs; run++) {
      const onProgress = phaseTimer(phases, run);
      let start = performance.now();
      let cpuStart = process.cpuUsage();
      const { outputs, secret } = await pool.shuffle(statement, inputs, { onProgress });
      times.shuffle.push((performance.now() - start) / 1000);
      cpu.shuffle.push(cpuSince(cpuStart));
      start = performance.now();
      cpuStart = process.cpuUsage();
      const proof = await pool.prove(statement, inputs, outputs, secret, { onProgress });
      times.prove.push((performance.now() - start) / 1000);
      cpu.prove.push(cpuSince(cpuStart));
      start = performance.now();
      cpuStart = process.cpuUsage();
      const verdict = await pool.verify(statement, inputs, outputs, proof, { onProgress });
      times.verify.push((performance.now() - start) / 1000);
      cpu.verify.push(cpuSince(cpuStart));
      if (!verdict.ok) throw new Error(`the proof did not verify: ${verdict.reason}`);
      proofBytes = proof.length;
      progress(`run ${run + 1}/${runs}: shuffle ${times.shuffle[run].toFixed(2)} s, prove ${times.prove[run].toFixed(2)} s, verify ${times.verify[run].toFixed(2)} s`);
      varmulSamples.push(measureVarmul(groupName));
    }
    const varmul = median(varmulSamples);
    const [shuffleS, proveS, verifyS] = [median(times.shuffle), median(times.prove), median(times.verify)];
    const perCt = (s: number) => (n === 0 ? 0 : s / (n * varmul));
    const perCore = (s: number) => (s === 0 ? 0 : Math.round(n / (s * workers)));
    report(
      {
        group: groupName,
        n,
        width,
        workers,
        shuffle_s: shuffleS,
        prove_s: proveS,
        verify_s: verifyS,
        varmul_s: varmul,
        proof_bytes: proofBytes,
        ciphertext_bytes: inputs.length,
        peak_rss_mb: Math.round(peakRssMb()),
        runs,
        prove_varmul_per_ciphertext: perCt(proveS),
        verify_varmul_per_ciphertext: perCt(verifyS),
        shuffle_varmul_per_ciphertext: perCt(shuffleS),
        proof_to_ciphertext_bytes: inputs.length === 0 ? 0 : proofBytes / inputs.length,
        ciphertexts_per_s_per_core: { shuffle: perCore(shuffleS), prove: perCore(proveS), verify: perCore(verifyS) },
        cpu_s: { shuffle: median(cpu.shuffle), prove: median(cpu.prove), verify: median(cpu.verify) },
        // The same costs in CPU time over CPU time: unaffected by other processes on the machine.
        varmul_cpu_s: varmulCpu,
        cpu_varmul_per_ciphertext: {
          shuffle: n === 0 ? 0 : median(cpu.shuffle) / (n * varmulCpu),
          prove: n === 0 ? 0 : median(cpu.prove) / (n * varmulCpu),
          verify: n === 0 ? 0 : median(cpu.verify) / (n * varmulCpu),
        },
        varmul_samples_s: varmulSamples,
        load_average: loadavg().map((l) => Math.round(l * 100) / 100),
        phase_s: Object.fromEntries([...phases].map(([phase, list]) => [phase, median(list)])),
        node: process.version,
      },
      args.json,
    );
  } finally {
    await pool.close();
  }
}

/**
 * Times each phase from its first progress report to its last, and prints a line per tenth of a
 * long phase and one at its end (stderr).
 */
function phaseTimer(phases: Map<string, number[]>, run: number) {
  const started = new Map<string, number>();
  return (p: ShuffleProgress) => {
    const now = performance.now();
    if (p.done === 0) started.set(p.phase, now);
    const elapsed = (now - (started.get(p.phase) ?? now)) / 1000;
    const tenth = Math.max(1, Math.round(p.total / 10));
    if (p.done === p.total) {
      const list = phases.get(p.phase) ?? [];
      list[run] = elapsed;
      phases.set(p.phase, list);
      progress(`  ${p.phase}: ${p.total} ranges in ${elapsed.toFixed(2)} s`);
    } else if (p.total >= 20 && p.done > 0 && p.done % tenth === 0) {
      progress(`  ${p.phase}: ${Math.round((100 * p.done) / p.total)}% (${elapsed.toFixed(0)} s)`);
    }
  };
}

/**
 * measureVarmul's operation (noble `Point.multiply` of a point without tables), timed in CPU
 * seconds of the process: the median of 7 batches of 200 (P-256: 60) multiplications.
 */
function measureVarmulCpu(group: GroupName): number {
  const Point = group === 'ristretto255' ? ristretto255.Point : p256.Point;
  const base = Point.BASE.multiply(0x1234567890abcdefn);
  const scalars = Array.from({ length: 16 }, (_, i) => (0x9e3779b97f4a7c15n * BigInt(i + 3) ** 20n) % Point.Fn.ORDER || 1n);
  // Long batches: CPU time is accounted in scheduler ticks.
  const batch = group === 'ristretto255' ? 200 : 60;
  const samples: number[] = [];
  for (let run = 0; run < 8; run++) {
    const start = process.cpuUsage();
    for (let i = 0; i < batch; i++) base.multiply(scalars[i % 16]);
    const used = process.cpuUsage(start);
    if (run > 0) samples.push((used.user + used.system) / 1e6 / batch);
  }
  return median(samples);
}

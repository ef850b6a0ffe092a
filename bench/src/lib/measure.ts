import { p256 } from '@noble/curves/nist.js';
import { ristretto255 } from '@noble/curves/ed25519.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `runs` times after `warmup` runs and returns the median time of one run in seconds. */
export function timeMedian(fn: () => void, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push((performance.now() - start) / 1000);
  }
  return median(times);
}

/** Median seconds of one call, measuring batches of `batch` calls to keep timer noise small. */
export function timePerCall(fn: () => void, batch: number, runs = 7): number {
  return timeMedian(() => {
    for (let i = 0; i < batch; i++) fn();
  }, runs) / batch;
}

/**
 * The unit that makes figures comparable across noisy machines: the median time of one
 * variable-base scalar multiplication (`Point.multiply`, noble's constant-time path) of the
 * group with @noble/curves, single-threaded, measured in the same run as the benchmark.
 */
export function measureVarmul(group: 'ristretto255' | 'p256'): number {
  const Point = group === 'ristretto255' ? ristretto255.Point : p256.Point;
  const order = Point.Fn.ORDER;
  let seed = 0x0123456789abcdefn;
  const scalars: bigint[] = [];
  for (let i = 0; i < 16; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) % order;
    scalars.push((seed * (seed + 7n)) % order || 1n);
  }
  // A point without precomputed tables, as a variable base is.
  const base = Point.BASE.multiply(scalars[0]);
  let i = 0;
  return timePerCall(() => base.multiply(scalars[i++ % scalars.length]), group === 'ristretto255' ? 40 : 12);
}

/** Peak resident set size of this process in MiB (Linux: VmHWM). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Prints the result: one JSON object on stdout with --json, a readable table otherwise. */
export function report(result: Record<string, unknown>, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)} ${typeof v === 'number' ? +v.toPrecision(6) : JSON.stringify(v)}`);
}

/** Progress to stderr, never stdout (stdout carries the JSON result). */
export function progress(message: string): void {
  process.stderr.write(message + '\n');
}

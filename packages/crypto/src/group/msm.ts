import type { PointArithmetic } from './point-arithmetic.js';
import { SCALAR_WORDS, scalarWords, signedDigitCount, signedDigits, wnaf } from './scalar-digits.js';

/**
 * Multi-scalar multiplication Σ k_i·P_i for public scalars (variable time): interleaved wNAF
 * (Straus) for a handful of points, Pippenger's bucket method beyond. Both read only the bits
 * the scalars have (`bits`, e.g. 128 for the shuffle's challenge vector), which halves the work
 * for short scalars, unlike @noble/curves' pippenger.
 */
export function msmPublic<P, A, C>(ops: PointArithmetic<P, A, C>, points: readonly P[], scalars: readonly bigint[], bits: number): P {
  if (points.length !== scalars.length) throw new RangeError('msm: points and scalars differ in length');
  if (points.length === 0) return ops.zero;
  return points.length <= STRAUS_MAX ? straus(ops, points, scalars) : pippenger(ops, points, scalars, bits);
}

/** Beyond this many points, buckets beat per-point tables (measured on ristretto255). */
const STRAUS_MAX = 8;
const STRAUS_WINDOW = 5;

function straus<P, A, C>(ops: PointArithmetic<P, A, C>, points: readonly P[], scalars: readonly bigint[]): P {
  const n = points.length;
  const words = new Uint32Array(SCALAR_WORDS);
  const digits: Int8Array[] = [];
  const tables: C[][] = [];
  let top = -1;
  for (let i = 0; i < n; i++) {
    const d = new Int8Array(257);
    top = Math.max(top, wnaf(scalarWords(scalars[i], words), STRAUS_WINDOW, d));
    digits.push(d);
    // Odd multiples P, 3P, …, 15P.
    const twice = ops.double(points[i]);
    const table: C[] = [ops.toCached(points[i])];
    let odd = points[i];
    for (let j = 1; j < 1 << (STRAUS_WINDOW - 2); j++) {
      odd = ops.addCached(twice, table[j - 1]);
      table.push(ops.toCached(odd));
    }
    tables.push(table);
  }
  // Doublings between two positions with digits are done as one chain.
  let acc = ops.zero;
  let pending = 0;
  for (let position = top; position >= 0; position--) {
    if (position !== top) pending++;
    for (let i = 0; i < n; i++) {
      const d = digits[i][position];
      if (d === 0) continue;
      if (pending > 0) {
        acc = ops.doubleMany(acc, pending);
        pending = 0;
      }
      acc = ops.addCached(acc, d > 0 ? tables[i][(d - 1) >> 1] : ops.negateCached(tables[i][(-d - 1) >> 1]));
    }
  }
  return ops.doubleMany(acc, pending);
}

/** The window minimising bucket additions plus bucket aggregation for n points of `bits` bits. */
function pippengerWindow(n: number, bits: number): number {
  let best = 1;
  let bestCost = Infinity;
  for (let c = 2; c <= 16; c++) {
    const cost = signedDigitCount(bits, c) * (n + (1 << c));
    if (cost < bestCost) [best, bestCost] = [c, cost];
  }
  return best;
}

function pippenger<P, A, C>(ops: PointArithmetic<P, A, C>, points: readonly P[], scalars: readonly bigint[], bits: number): P {
  const n = points.length;
  const c = pippengerWindow(n, bits);
  const windows = signedDigitCount(bits, c);
  const words = new Uint32Array(SCALAR_WORDS);
  const digits = new Int32Array(n * windows);
  for (let i = 0; i < n; i++) {
    if (scalars[i] >> BigInt(bits) !== 0n) throw new RangeError(`msm: scalar ${i} has more than ${bits} bits`);
    signedDigits(scalarWords(scalars[i], words), c, windows, digits, i * windows);
  }
  const affine = ops.toAffineMany(points);
  const bucketCount = 1 << (c - 1);
  const buckets: (P | undefined)[] = new Array(bucketCount);
  let acc = ops.zero;
  for (let w = windows - 1; w >= 0; w--) {
    acc = ops.doubleMany(acc, c);
    buckets.fill(undefined);
    for (let i = 0; i < n; i++) {
      const d = digits[i * windows + w];
      if (d === 0) continue;
      const index = (d > 0 ? d : -d) - 1;
      const point = d > 0 ? affine[i] : ops.negateAffine(affine[i]);
      buckets[index] = ops.addAffine(buckets[index] ?? ops.zero, point);
    }
    // Σ (j+1)·bucket[j] by running sums, from the top bucket down.
    let running: P | undefined;
    let total: P | undefined;
    for (let j = bucketCount - 1; j >= 0; j--) {
      const b = buckets[j];
      if (b !== undefined) running = running === undefined ? b : ops.add(running, b);
      if (running !== undefined) total = total === undefined ? running : ops.add(total, running);
    }
    if (total !== undefined) acc = ops.add(acc, total);
  }
  return acc;
}

/**
 * Multi-scalar multiplication Σ s_i·P_i for public scalars: Pippenger's bucket method with signed
 * digits for many points, and Straus's interleaved width-w NAF for a few points with one shared
 * doubling chain. Both work on any CurveOps.
 */
import type { CurveOps } from './curve-ops.js';
import { signedDigits, wnaf } from './scalar-digits.js';

/** The window that minimises windows × (points + 2^c) point additions. */
function bucketWindow(n: number, bits: number): number {
  let best = 2;
  let cost = Infinity;
  for (let c = 2; c <= 16; c++) {
    const k = Math.ceil((bits + 1) / c) * (n + (1 << c));
    if (k < cost) [best, cost] = [c, k];
  }
  return best;
}

/** Σ scalars[i]·points[i] with scalars below 2^bits. */
export function msm<P, C>(ops: CurveOps<P, C>, points: readonly P[], scalars: readonly bigint[], bits: number): P {
  return msmMany(ops, [points], scalars, bits)[0];
}

/** Σ scalars[i]·lists[k][i] for several lists of points with the same scalars (recoded once). */
export function msmMany<P, C>(ops: CurveOps<P, C>, lists: readonly (readonly P[])[], scalars: readonly bigint[], bits: number): P[] {
  const n = scalars.length;
  if (n === 0) return lists.map(() => ops.zero());
  if (n < 8) {
    const nafs = scalars.map((s) => wnaf(s, 4, bits));
    return lists.map((points) => straus(ops, points.map((pt) => oddMultiples(ops, pt, 4)), nafs));
  }
  const c = bucketWindow(n, bits);
  const digits = scalars.map((s) => signedDigits(s, c, bits));
  return lists.map((points) => buckets(ops, points, digits, c));
}

function buckets<P, C>(ops: CurveOps<P, C>, points: readonly P[], digits: readonly Int32Array[], c: number): P {
  const n = points.length;
  const cached = points.map((pt) => ops.cache(pt));
  const windows = digits[0].length;
  const buckets: (P | null)[] = new Array(1 << (c - 1));
  let acc: P | null = null;
  for (let w = windows - 1; w >= 0; w--) {
    if (acc !== null) {
      for (let k = 0; k < c - 1; k++) acc = ops.doubleLazy(acc);
      acc = ops.double(acc);
    }
    buckets.fill(null);
    for (let i = 0; i < n; i++) {
      const d = digits[i][w];
      if (d > 0) buckets[d - 1] = buckets[d - 1] === null ? points[i] : ops.addCached(buckets[d - 1]!, cached[i]);
      else if (d < 0) buckets[-d - 1] = buckets[-d - 1] === null ? ops.neg(points[i]) : ops.subCached(buckets[-d - 1]!, cached[i]);
    }
    // Σ_j (j+1)·bucket[j] as a running sum from the top.
    let running: P | null = null;
    let total: P | null = null;
    for (let j = buckets.length - 1; j >= 0; j--) {
      const b = buckets[j];
      if (b !== null) running = running === null ? b : ops.add(running, b);
      if (running !== null) total = total === null ? running : ops.add(total, running);
    }
    if (total !== null) acc = acc === null ? total : ops.add(acc, total);
  }
  return acc ?? ops.zero();
}

/** [P, 3P, 5P, …, (2^(w−1) − 1)P] in cached form: the table of a width-w NAF. */
export function oddMultiples<P, C>(ops: CurveOps<P, C>, pt: P, w: number): C[] {
  const table: C[] = [ops.cache(pt)];
  const twice = ops.cache(ops.double(pt));
  let current = pt;
  for (let k = 1; k < 1 << (w - 2); k++) {
    current = ops.addCached(current, twice);
    table.push(ops.cache(current));
  }
  return table;
}

/** Σ_i d_i·P_i with the NAF digits d_i of each scalar and the odd-multiple tables of each point. */
export function straus<P, C>(ops: CurveOps<P, C>, tables: readonly C[][], nafs: readonly Int8Array[]): P {
  let top = 0;
  for (const naf of nafs) for (let i = naf.length - 1; i > top; i--) if (naf[i] !== 0) top = i;
  let acc = ops.zero();
  let started = false;
  for (let i = top; i >= 0; i--) {
    if (started) {
      let adds = false;
      for (const naf of nafs) if (naf[i] !== 0) adds = true;
      // T is needed by an addition at this bit, and by whoever receives the result after bit 0.
      acc = adds || i === 0 ? ops.double(acc) : ops.doubleLazy(acc);
    }
    for (let k = 0; k < nafs.length; k++) {
      const d = nafs[k][i];
      if (d > 0) acc = ops.addCached(acc, tables[k][(d - 1) >> 1]);
      else if (d < 0) acc = ops.subCached(acc, tables[k][(-d - 1) >> 1]);
      if (d !== 0) started = true;
    }
  }
  return acc;
}

import type { PointArithmetic } from './point-arithmetic.js';
import { SCALAR_WORDS, scalarWords, signedDigitCount, signedDigits } from './scalar-digits.js';

/**
 * Multi-scalar multiplication Σ k_i·P_i for secret scalars: interleaved fixed windows of 4 bits
 * with signed digits. Every point gets a table of 1·P..8·P; every window doubles the shared
 * accumulator four times and adds, for every point, one table entry selected by reading the whole
 * table (the identity for a zero digit), with negation computed and selected. The sequence of
 * operations and table reads depends on the number of points and the order's bit length only.
 *
 * It costs about twice Pippenger's bucket method, whose bucket indices are the scalars' digits
 * (a memory access pattern an attacker sharing the machine's cache could observe).
 */
const WINDOW = 4;
const HALF = 1 << (WINDOW - 1);

export function msmSecret<P, A, C>(ops: PointArithmetic<P, A, C>, points: readonly P[], scalars: readonly bigint[], order: bigint): P {
  if (points.length !== scalars.length) throw new RangeError('msm: points and scalars differ in length');
  const n = points.length;
  const windows = signedDigitCount(order.toString(2).length, WINDOW);
  const words = new Uint32Array(SCALAR_WORDS);
  const digits = new Int32Array(n * windows);
  const tables: C[] = new Array(n * HALF);
  for (let i = 0; i < n; i++) {
    const k = scalars[i];
    if (k < 0n || k >= order) throw new RangeError(`msm: scalar ${i} is not in [0, q)`);
    signedDigits(scalarWords(k, words), WINDOW, windows, digits, i * windows);
    const p = points[i];
    const first = ops.toCached(p);
    tables[i * HALF] = first;
    let multiple = ops.double(p);
    tables[i * HALF + 1] = ops.toCached(multiple);
    for (let j = 2; j < HALF; j++) {
      multiple = ops.addCached(multiple, first);
      tables[i * HALF + j] = ops.toCached(multiple);
    }
  }
  let acc = ops.zero;
  for (let w = windows - 1; w >= 0; w--) {
    if (w !== windows - 1) acc = ops.doubleMany(acc, WINDOW);
    for (let i = 0; i < n; i++) {
      const d = digits[i * windows + w];
      const sign = d >> 31;
      const magnitude = (d ^ sign) - sign;
      let selected = ops.cachedZero;
      for (let j = 1; j <= HALF; j++) selected = j === magnitude ? tables[i * HALF + j - 1] : selected;
      const negated = ops.negateCached(selected);
      acc = ops.addCached(acc, sign === 0 ? selected : negated);
    }
  }
  return acc;
}

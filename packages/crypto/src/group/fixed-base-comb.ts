import type { PointArithmetic } from './point-arithmetic.js';
import { scalarWords, signedDigitCount, signedDigits } from './scalar-digits.js';

/**
 * Fixed-base multiplication by a signed radix-2^8 comb: the table holds j·2^(8w)·B for
 * j = 1..128 and every window w, in affine form, so k·B is one mixed addition per window and no
 * doubling (32 additions for a 253-bit order, 33 for 256 bits).
 *
 * The constant-time path adds exactly one table entry per window (the identity for a zero
 * digit), selected by reading every entry of the window; negation is computed for every window
 * and selected. Unlike @noble/curves' cached multiplication, it does not blind the scalar with
 * a random multiple of the order, which costs 16 more windows; the operation sequence does not
 * depend on the scalar either way. (No JavaScript engine guarantees constant-time bigint
 * arithmetic: this is the same algorithmic guarantee @noble/curves gives.)
 */
export interface Comb<P> {
  multiply(k: bigint): P;
  multiplyPublic(k: bigint): P;
}

const WINDOW = 8;
const HALF = 1 << (WINDOW - 1);

export function fixedBaseComb<P, A, C>(ops: PointArithmetic<P, A, C>, base: P, order: bigint): Comb<P> {
  const bits = order.toString(2).length;
  const windows = signedDigitCount(bits, WINDOW);
  const points: P[] = [];
  let windowBase = base;
  for (let w = 0; w < windows; w++) {
    let acc = windowBase;
    points.push(acc);
    for (let j = 1; j < HALF; j++) {
      acc = ops.add(acc, windowBase);
      points.push(acc);
    }
    windowBase = ops.double(acc); // 2^8 · windowBase
  }
  const table = ops.toAffineMany(points);
  const words = new Uint32Array(10);
  const digits = new Int32Array(windows);
  const recode = (k: bigint) => {
    if (k < 0n || k >= order) throw new RangeError('fixed-base multiplication: scalar must be in [0, q)');
    signedDigits(scalarWords(k, words), WINDOW, windows, digits);
  };
  return {
    multiply(k) {
      recode(k);
      let acc = ops.zero;
      for (let w = 0; w < windows; w++) {
        const d = digits[w];
        const sign = d >> 31; // −1 or 0
        const magnitude = (d ^ sign) - sign;
        const start = w * HALF - 1;
        let selected = ops.affineZero;
        for (let j = 1; j <= HALF; j++) selected = j === magnitude ? table[start + j] : selected;
        const negated = ops.negateAffine(selected);
        acc = ops.addAffine(acc, sign === 0 ? selected : negated);
      }
      return acc;
    },
    multiplyPublic(k) {
      recode(k);
      let acc = ops.zero;
      for (let w = 0; w < windows; w++) {
        const d = digits[w];
        if (d > 0) acc = ops.addAffine(acc, table[w * HALF + d - 1]);
        else if (d < 0) acc = ops.addAffine(acc, ops.negateAffine(table[w * HALF - d - 1]));
      }
      return acc;
    },
  };
}

/**
 * Multiplication of a fixed base B (the generator, a public key) by many public scalars: a table
 * of j·2^(c·w)·B for every window w and 1 ≤ j ≤ 2^(c−1), built once, then one table addition per
 * signed radix-2^c digit and no doubling at all.
 */
import type { CurveOps } from './curve-ops.js';
import { signedDigits } from './scalar-digits.js';

const WINDOW = 8;

export class FixedBase<P, C> {
  private readonly table: C[][] = [];

  constructor(
    private readonly ops: CurveOps<P, C>,
    base: P,
  ) {
    const windows = Math.ceil((ops.bits + 1) / WINDOW);
    let start = base;
    for (let w = 0; w < windows; w++) {
      const row: C[] = [];
      const step = ops.cache(start);
      let current = start;
      for (let j = 1; j <= 1 << (WINDOW - 1); j++) {
        row.push(ops.cache(current));
        current = ops.addCached(current, step);
      }
      this.table.push(row);
      for (let k = 0; k < WINDOW; k++) start = ops.double(start);
    }
  }

  multiply(scalar: bigint): P {
    const digits = signedDigits(scalar, WINDOW, this.ops.bits);
    let acc = this.ops.zero();
    for (let w = 0; w < digits.length; w++) {
      const d = digits[w];
      if (d > 0) acc = this.ops.addCached(acc, this.table[w][d - 1]);
      else if (d < 0) acc = this.ops.subCached(acc, this.table[w][-d - 1]);
    }
    return acc;
  }
}

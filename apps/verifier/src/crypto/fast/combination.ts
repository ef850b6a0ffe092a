/**
 * Σ s_i·B_i + Σ t_j·P_j for a few terms: fixed bases B_i through their tables (no doubling),
 * variable points P_j through one Straus pass (width-5 NAF tables, one doubling chain).
 */
import type { Kernel } from './kernels.js';
import type { FixedBase } from './fixed-base.js';
import { oddMultiples, straus } from './msm.js';
import { wnaf } from './scalar-digits.js';

export const NAF_WIDTH = 5;

export function combination(kernel: Kernel, fixed: [FixedBase<unknown, unknown>, bigint][], variable: [unknown, bigint][]): unknown {
  const { ops } = kernel;
  let acc = variable.length === 0 ? ops.zero() : straus(ops, variable.map(([pt]) => oddMultiples(ops, pt, NAF_WIDTH)), variable.map(([, s]) => wnaf(s, NAF_WIDTH, ops.bits)));
  for (const [table, s] of fixed) acc = ops.add(acc, table.multiply(s));
  return acc;
}

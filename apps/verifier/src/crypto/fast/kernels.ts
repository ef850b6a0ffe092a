/**
 * The fast arithmetic of a group, chosen by name, with the generator's fixed-base table built
 * once per thread (about 4,000 table points, a few tens of milliseconds).
 */
import type { Group, Point } from '../group.js';
import type { CurveOps } from './curve-ops.js';
import { doubleAndEncodeAll, HALF_MOD_Q, ristrettoOps, type Ed } from './edwards25519.js';
import { p256Ops } from './p256.js';
import { FixedBase } from './fixed-base.js';

export interface Kernel {
  group: Group;
  ops: CurveOps<unknown, unknown>;
  generator: FixedBase<unknown, unknown>;
  /**
   * Commitments that only need hashing are computed halved on ristretto255 (`scale` multiplies a
   * scalar by 1/2 mod q) and their encodings obtained doubled, one field inversion for all
   * (`encodeScaled`); on P-256 `scale` is the identity and the encodings share one inversion.
   */
  scale(x: bigint): bigint;
  encodeScaled(points: readonly unknown[]): Uint8Array;
  /** A fixed-base table for another base used many times (a public key). */
  fixed(base: Point): FixedBase<unknown, unknown>;
}

const kernels = new Map<string, Kernel>();

export function kernelFor(group: Group): Kernel {
  let k = kernels.get(group.name);
  if (!k) {
    const ops = (group.name === 'ristretto255' ? ristrettoOps : p256Ops) as CurveOps<unknown, unknown>;
    const g = group;
    const fixedTables = new Map<string, FixedBase<unknown, unknown>>();
    const halve = group.name === 'ristretto255';
    k = {
      group: g,
      ops,
      generator: new FixedBase(ops, ops.fromPoint(g.generator)),
      scale: (x) => (halve ? (x * HALF_MOD_Q) % g.order : x),
      encodeScaled: (points) => (halve ? doubleAndEncodeAll(points as Ed[]) : ops.encodeAll(points)),
      fixed(base: Point) {
        const id = Buffer.from(g.encode(base)).toString('hex');
        let t = fixedTables.get(id);
        if (!t) {
          if (fixedTables.size > 64) fixedTables.clear();
          t = new FixedBase(ops, ops.fromPoint(base));
          fixedTables.set(id, t);
        }
        return t;
      },
    };
    kernels.set(group.name, k);
  }
  return k;
}

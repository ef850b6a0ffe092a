import { deriveGenerators, toHex, type FixedBase, type Group } from '@ostraka/crypto';
import { resolveStatement, type ResolvedStatement, type ShuffleStatement } from '../statement.js';

/**
 * What the range tasks of one statement need, built once per worker and kept: the resolved
 * statement and fixed-base tables for g, pk and the chain generator h_0 (built on first use:
 * the shuffle phase needs no generator at all).
 */
export interface TaskContext<E = unknown> {
  readonly resolved: ResolvedStatement<E>;
  readonly group: Group<E>;
  readonly n: number;
  readonly seed: Uint8Array;
  readonly g: FixedBase<E>;
  readonly pk: FixedBase<E>;
  /** h_0, the chain generator, and its table. */
  readonly h0: E;
  readonly h: FixedBase<E>;
  /** 1/2 mod q, to halve exponents before a doubled encoding. */
  readonly half: bigint;
}

// A worker usually serves one statement at a time; two entries cover a prover and a verifier
// side by side. Tables cost tens of milliseconds to build, so they are worth keeping.
const MAX_CACHED = 2;
const cache = new Map<string, TaskContext>();

export function taskContext(task: { statement: ShuffleStatement; n: number; seed: Uint8Array }): TaskContext {
  const { statement, n, seed } = task;
  const key = [statement.group, toHex(statement.publicKey), statement.width, n, toHex(seed)].join('|');
  let context = cache.get(key);
  if (context === undefined) {
    context = buildContext(resolveStatement(statement), n, seed);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, context);
  }
  return context;
}

function buildContext(resolved: ResolvedStatement, n: number, seed: Uint8Array): TaskContext {
  const group = resolved.group;
  let g: FixedBase<unknown> | undefined;
  let pk: FixedBase<unknown> | undefined;
  let h0: unknown;
  let h: FixedBase<unknown> | undefined;
  const half = group.scalars.invert(2n);
  return {
    resolved,
    group,
    n,
    seed,
    half,
    get g() {
      return (g ??= group.fixedBase(group.generator));
    },
    get pk() {
      return (pk ??= group.fixedBase(resolved.publicKey));
    },
    get h0() {
      return (h0 ??= deriveGenerators(group, seed, 0, 1)[0]);
    },
    get h() {
      return (h ??= group.fixedBase(this.h0));
    },
  };
}

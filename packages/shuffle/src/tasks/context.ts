import { deriveGenerators, toHex, type FixedBase, type Group } from '@ostraka/crypto';
import { resolveStatement, type ResolvedStatement, type ShuffleStatement } from '../statement.js';
import { generatorsSeed } from '../transcript.js';

/**
 * What every range task of one statement needs, built once per worker: the resolved statement,
 * the generators' seed, h_0 (the chain generator) and fixed-base tables for g, pk and h_0.
 */
export interface TaskContext<E = unknown> {
  readonly resolved: ResolvedStatement<E>;
  readonly group: Group<E>;
  readonly n: number;
  readonly seed: Uint8Array;
  readonly h0: E;
  readonly g: FixedBase<E>;
  readonly pk: FixedBase<E>;
  readonly h: FixedBase<E>;
  /** 1/2 mod q, to halve exponents before a doubled encoding. */
  readonly half: bigint;
}

// A worker usually serves one statement at a time; two entries cover a prover and a verifier
// running side by side. Tables cost tens of milliseconds, so they are worth keeping.
const MAX_CACHED = 2;
const cache = new Map<string, TaskContext>();

export function taskContext(statement: ShuffleStatement, n: number): TaskContext {
  const key = [statement.group, toHex(statement.publicKey), statement.width, statement.round, n, statement.election].join('|');
  let context = cache.get(key);
  if (context === undefined) {
    const resolved = resolveStatement(statement);
    const group = resolved.group;
    const seed = generatorsSeed(resolved, n);
    const [h0] = deriveGenerators(group, seed, 0, 1);
    context = {
      resolved,
      group,
      n,
      seed,
      h0,
      g: group.fixedBase(group.generator),
      pk: group.fixedBase(resolved.publicKey),
      h: group.fixedBase(h0),
      half: group.scalars.invert(2n),
    };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, context);
  }
  return context;
}

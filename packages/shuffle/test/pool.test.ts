import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicRandom } from '@ostraka/crypto';
import { shuffleAndProve, verifyShuffle } from '@ostraka/shuffle';
import { createShufflePool, type ShufflePool, type ShuffleProgress } from '@ostraka/shuffle/pool';
import { GROUPS, makeElection, replaceCiphertext, ciphertextAt } from './fixtures.js';

// Three ranges per phase with 3 workers against one range single-threaded: the chain's prefix
// composition across range boundaries must give the same proof.
const pools = new Map<number, ShufflePool>();
beforeAll(() => {
  for (const workers of [1, 2, 3]) pools.set(workers, createShufflePool({ workers }));
});
afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

describe.each(GROUPS)('worker pool, %s', (group) => {
  const election = makeElection(group, 37, 2, 'pool');
  const { statement, inputs } = election;
  const expected = shuffleAndProve(statement, inputs, { rng: deterministicRandom('pool-randomness') });

  it('gives byte-identical outputs and proofs with 1, 2 and 3 workers and single-threaded', async () => {
    for (const [workers, pool] of pools) {
      const result = await pool.shuffleAndProve(statement, inputs, { rng: deterministicRandom('pool-randomness') });
      expect(result.outputs, `${workers} workers`).toEqual(expected.outputs);
      expect(result.proof, `${workers} workers`).toEqual(expected.proof);
    }
  });

  it('verifies what the single-threaded prover made, and rejects what it rejects', async () => {
    const pool = pools.get(3)!;
    expect(await pool.verify(statement, inputs, expected.outputs, expected.proof)).toEqual({ ok: true });
    const swapped = replaceCiphertext(election, expected.outputs, 0, ciphertextAt(election, expected.outputs, 36));
    expect(verifyShuffle(statement, inputs, swapped, expected.proof).ok).toBe(false);
    expect((await pool.verify(statement, inputs, swapped, expected.proof)).ok).toBe(false);
    const flipped = expected.proof.slice();
    flipped[flipped.length - 5] ^= 1;
    expect((await pool.verify(statement, inputs, expected.outputs, flipped)).ok).toBe(false);
  });

  it('reports undecodable elements by index, from any worker', async () => {
    const bad = expected.outputs.slice();
    const C = 4 * election.group.elementLength;
    bad.fill(0, 30 * C, 30 * C + election.group.elementLength); // output 30, a[0] := identity encoding
    const verdict = await pools.get(2)!.verify(statement, inputs, bad, expected.proof);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(verdict.reason).toMatch(/outputs\[30\]\.a\[0\]/);
    await expect(pools.get(2)!.shuffle(statement, bad)).rejects.toThrow(/inputs\[30\]/);
  });
});

describe('worker pool progress', () => {
  it('reports every range of every phase, ending with done = total', async () => {
    const election = makeElection('ristretto255', 12, 1, 'progress');
    const seen: ShuffleProgress[] = [];
    const pool = pools.get(2)!;
    const { outputs, proof } = await pool.shuffleAndProve(election.statement, election.inputs, { onProgress: (p) => seen.push(p) });
    await pool.verify(election.statement, election.inputs, outputs, proof, { onProgress: (p) => seen.push(p) });
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['shuffle', 'commit', 'chain-prefix', 'chain', 'responses', 'verify']);
    for (const phase of phases) {
      const last = seen.filter((p) => p.phase === phase).at(-1)!;
      expect(last.done).toBe(last.total);
    }
  });
});

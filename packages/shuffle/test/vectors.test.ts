/**
 * docs/vectors/shuffle-*.json, read the way an independent implementation would: every case
 * verifies or is rejected as the file says (by the package's verifier and by the textbook one),
 * the recomputed values match, and the prover's randomness reproduces the outputs and the proof.
 * (test/vectors.test.ts checks that the files are exactly what the generator writes.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCiphertext, decrypt, fromHex, groupByName, toHex } from '@ostraka/crypto';
import { verifyShuffle, type ShuffleStatement } from '@ostraka/shuffle';
import { generatePermutation, proveDriver, runSync, shuffleDriver, syncExecutor, verifyDriver, type RecomputedValues } from '@ostraka/shuffle/internal';
import { GROUPS } from './fixtures.js';
import { referenceVerify } from './reference-verifier.js';

interface VectorCase {
  name: string;
  valid: boolean;
  statement: { group: string; public_key: string; width: number; election: string; round: number };
  inputs: string;
  outputs: string;
  proof: string;
  recomputed?: Record<string, string | string[]>;
  prover?: { secret_key: string; shuffle_key: string; proof_nonce: string; permutation: number[] };
}

describe.each(GROUPS)('docs/vectors/shuffle-%s.json', (group) => {
  const file = JSON.parse(readFileSync(new URL(`../../../docs/vectors/shuffle-${group}.json`, import.meta.url), 'utf8'));
  const cases: VectorCase[] = file.cases;

  it('holds valid and invalid cases, with N = 0, 1 and 3', () => {
    expect(cases.filter((c) => c.valid).map((c) => c.name)).toEqual(['n3-w2', 'n1-w1', 'n0-w1']);
    expect(cases.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(4);
  });

  for (const c of cases) {
    it(`${c.name}: ${c.valid ? 'verifies' : 'is rejected'}, by both verifiers`, () => {
      const statement: ShuffleStatement = { ...c.statement, group, publicKey: fromHex(c.statement.public_key) };
      const [inputs, outputs, proof] = [fromHex(c.inputs), fromHex(c.outputs), fromHex(c.proof)];
      expect(verifyShuffle(statement, inputs, outputs, proof).ok).toBe(c.valid);
      expect(referenceVerify(statement, inputs, outputs, proof)).toBe(c.valid);
      if (!c.valid) return;

      let values: RecomputedValues | undefined;
      runSync(verifyDriver(statement, inputs, outputs, proof, syncExecutor, (v) => (values = v)));
      const r = c.recomputed!;
      expect(toHex(values!.generatorsSeed)).toBe(r.generators_seed);
      expect(toHex(values!.uSeed)).toBe(r.u_seed);
      expect(toHex(values!.tHat)).toBe((r.t_hat as string[]).join(''));

      // The prover's randomness reproduces the shuffle and the proof, byte for byte.
      const p = c.prover!;
      const key = fromHex(p.shuffle_key);
      expect(toHex(runSync(shuffleDriver(statement, inputs, key, syncExecutor)))).toBe(c.outputs);
      expect(toHex(runSync(proveDriver(statement, inputs, outputs, key, fromHex(p.proof_nonce), syncExecutor)))).toBe(c.proof);
      const n = p.permutation.length;
      expect(Array.from(generatePermutation(key, n), (j) => j + 1)).toEqual(p.permutation);

      // Output i decrypts to the plaintext of input ψ(i).
      const G = groupByName(group);
      const C = 2 * statement.width * G.elementLength;
      const secret = G.scalars.decode(fromHex(p.secret_key));
      const plain = (bytes: Uint8Array, i: number) =>
        decrypt(G, secret, decodeCiphertext(G, bytes.subarray(i * C, (i + 1) * C), statement.width)).map((m) => toHex(G.encode(m)));
      for (let i = 0; i < n; i++) expect(plain(outputs, i)).toEqual(plain(inputs, p.permutation[i] - 1));
    });
  }
});

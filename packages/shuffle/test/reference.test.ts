/**
 * The package's verifier (multi-scalar multiplications over ranges, halved exponents, batched
 * encodings) against the textbook equations of reference-verifier.ts: on honest proofs and on
 * random tamperings of every kind, both give the same verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proveShuffle, shuffle, verifyShuffle } from '@ostraka/shuffle';
import { ciphertextAt, freshCiphertext, GROUPS, makeElection, replaceCiphertext } from './fixtures.js';
import { referenceVerify } from './reference-verifier.js';

const tamperings = ['none', 'swap-outputs', 'replace-input', 'flip-proof-byte', 'other-round', 'cheating-prover'] as const;

describe('fast verifier and textbook verifier agree', () => {
  it('on honest proofs and on every kind of tampering', () => {
    fc.assert(
      fc.property(
        fc.record({
          group: fc.constantFrom(...GROUPS),
          n: fc.integer({ min: 0, max: 5 }),
          width: fc.integer({ min: 1, max: 3 }),
          seed: fc.string({ minLength: 1, maxLength: 6 }),
          tampering: fc.constantFrom(...tamperings),
          at: fc.nat(),
        }),
        ({ group, n, width, seed, tampering, at }) => {
          const election = makeElection(group, n, width, seed);
          let { statement, inputs } = election;
          const { outputs: honestOutputs, secret } = shuffle(statement, inputs, { rng: election.rng });
          let outputs = honestOutputs;
          let proof = proveShuffle(statement, inputs, outputs, secret, { rng: election.rng });
          if (n >= 2 && tampering === 'swap-outputs') {
            const [i, k] = [at % n, (at + 1) % n];
            outputs = replaceCiphertext(election, replaceCiphertext(election, outputs, i, ciphertextAt(election, outputs, k)), k, ciphertextAt(election, outputs, i));
          }
          if (n >= 1 && tampering === 'replace-input') inputs = replaceCiphertext(election, inputs, at % n, freshCiphertext(election));
          if (tampering === 'flip-proof-byte') {
            proof = proof.slice();
            proof[at % proof.length] ^= 0x80;
          }
          if (tampering === 'other-round') statement = { ...statement, round: statement.round + 1 };
          if (n >= 1 && tampering === 'cheating-prover') {
            outputs = replaceCiphertext(election, outputs, at % n, freshCiphertext(election));
            proof = proveShuffle(statement, inputs, outputs, secret, { rng: election.rng });
          }
          const fast = verifyShuffle(statement, inputs, outputs, proof).ok;
          expect(fast).toBe(referenceVerify(statement, inputs, outputs, proof));
          // Only the untouched proof of a list that could be tampered verifies.
          const untouched = tampering === 'none' || (n < 2 && tampering === 'swap-outputs') || (n < 1 && tampering !== 'flip-proof-byte' && tampering !== 'other-round');
          expect(fast).toBe(untouched);
        },
      ),
      { numRuns: 16 },
    );
  });
});

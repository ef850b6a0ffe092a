/**
 * Soundness: every tampering the issue lists is rejected, both with the honest proof (the
 * statement changed under it) and, where the prover can be run on the tampered statement,
 * with a proof freshly computed for it by a prover that knows the permutation and randomness.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '@ostraka/crypto';
import { proveShuffle, shuffle, verifyShuffle, type ShuffleStatement } from '@ostraka/shuffle';
import { generatePermutation, proofLayout, proveDriver, runSync, syncExecutor } from '@ostraka/shuffle/internal';
import { ciphertextAt, freshCiphertext, GROUPS, makeElection, reencryptInput, replaceCiphertext, type Election } from './fixtures.js';
import { referenceVerify } from './reference-verifier.js';

function honest(election: Election) {
  const { outputs, secret } = shuffle(election.statement, election.inputs, { rng: election.rng });
  const proof = proveShuffle(election.statement, election.inputs, outputs, secret, { rng: election.rng });
  return { outputs, secret, proof, psi: generatePermutation(secret.key, election.inputs.length / (2 * election.statement.width * election.group.elementLength)) };
}

/** Rejected by both verifiers. */
function expectRejected(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array) {
  expect(verifyShuffle(statement, inputs, outputs, proof).ok).toBe(false);
  expect(referenceVerify(statement, inputs, outputs, proof)).toBe(false);
}

const shape = fc.record({
  group: fc.constantFrom(...GROUPS),
  n: fc.integer({ min: 2, max: 5 }),
  width: fc.integer({ min: 1, max: 2 }),
  seed: fc.string({ minLength: 1, maxLength: 6 }),
  pick: fc.nat(),
  other: fc.nat(),
});
const RUNS = { numRuns: 5 };

describe('the verifier rejects a changed statement', () => {
  it('an output replaced by a re-encryption of a different input', () => {
    fc.assert(
      fc.property(shape, ({ group, n, width, seed, pick, other }) => {
        const election = makeElection(group, n, width, seed);
        const { outputs, secret, proof, psi } = honest(election);
        const i = pick % n;
        const j = (psi[i] + 1 + (other % (n - 1))) % n; // any input but ψ(i)
        const tampered = replaceCiphertext(election, outputs, i, reencryptInput(election, j));
        expectRejected(election.statement, election.inputs, tampered, proof);
        const cheating = proveShuffle(election.statement, election.inputs, tampered, secret, { rng: election.rng });
        expectRejected(election.statement, election.inputs, tampered, cheating);
      }),
      RUNS,
    );
  });

  it('two outputs swapped', () => {
    fc.assert(
      fc.property(shape, ({ group, n, width, seed, pick, other }) => {
        const election = makeElection(group, n, width, seed);
        const { outputs, secret, proof } = honest(election);
        const i = pick % n;
        const k = (i + 1 + (other % (n - 1))) % n;
        const swapped = replaceCiphertext(election, replaceCiphertext(election, outputs, i, ciphertextAt(election, outputs, k)), k, ciphertextAt(election, outputs, i));
        expectRejected(election.statement, election.inputs, swapped, proof);
        expectRejected(election.statement, election.inputs, swapped, proveShuffle(election.statement, election.inputs, swapped, secret, { rng: election.rng }));
      }),
      RUNS,
    );
  });

  it('an input changed', () => {
    fc.assert(
      fc.property(shape, ({ group, n, width, seed, pick }) => {
        const election = makeElection(group, n, width, seed);
        const { outputs, secret, proof } = honest(election);
        const inputs = replaceCiphertext(election, election.inputs, pick % n, freshCiphertext(election));
        expectRejected(election.statement, inputs, outputs, proof);
        expectRejected(election.statement, inputs, outputs, proveShuffle(election.statement, inputs, outputs, secret, { rng: election.rng }));
      }),
      RUNS,
    );
  });

  it('an output dropped or duplicated', () => {
    fc.assert(
      fc.property(shape, ({ group, n, width, seed, pick, other }) => {
        const election = makeElection(group, n, width, seed);
        const { outputs, secret, proof } = honest(election);
        const C = 2 * width * election.group.elementLength;
        const i = pick % n;
        const dropped = new Uint8Array([...outputs.subarray(0, i * C), ...outputs.subarray((i + 1) * C)]);
        expectRejected(election.statement, election.inputs, dropped, proof);
        const k = (i + 1 + (other % (n - 1))) % n;
        const duplicated = replaceCiphertext(election, outputs, k, ciphertextAt(election, outputs, i));
        expectRejected(election.statement, election.inputs, duplicated, proof);
        expectRejected(election.statement, election.inputs, duplicated, proveShuffle(election.statement, election.inputs, duplicated, secret, { rng: election.rng }));
      }),
      RUNS,
    );
  });

  it('the public key, the election or the round changed', () => {
    fc.assert(
      fc.property(shape, ({ group, n, width, seed }) => {
        const election = makeElection(group, n, width, seed);
        const { outputs, proof } = honest(election);
        const { statement, inputs } = election;
        const otherKey = election.group.encode(generateKeyPair(election.group, election.rng).public);
        expectRejected({ ...statement, publicKey: otherKey }, inputs, outputs, proof);
        expectRejected({ ...statement, election: statement.election + '!' }, inputs, outputs, proof);
        expectRejected({ ...statement, round: statement.round + 1 }, inputs, outputs, proof);
      }),
      RUNS,
    );
  });
});

describe('the verifier rejects a changed proof', () => {
  it('any field replaced by another valid value, and any flipped byte', () => {
    fc.assert(
      fc.property(shape, fc.nat(), fc.nat(), ({ group, n, width, seed, pick }, field, byte) => {
        const election = makeElection(group, n, width, seed);
        const { outputs, proof } = honest(election);
        const G = election.group;
        const layout = proofLayout(G, width, n);
        const L = G.elementLength;
        const SL = G.scalarLength;
        const randomElement = () => G.encode(G.multiplyPublic(G.generator, G.scalars.randomNonZero(election.rng)));
        const randomScalar = () => G.scalars.encode(G.scalars.random(election.rng));
        // Every part of the proof, as (offset of item, replacement).
        const parts: [string, number, () => Uint8Array][] = [
          ['permutation_commitment', layout.commitments + (pick % n) * L, randomElement],
          ['commitment_chain', layout.chain + (pick % n) * L, randomElement],
          ['challenge', layout.challenge, randomScalar],
          ['s1', layout.responses, randomScalar],
          ['s2', layout.responses + SL, randomScalar],
          ['s3', layout.responses + 2 * SL, randomScalar],
          ['s4', layout.responses + (3 + (pick % width)) * SL, randomScalar],
          ['s_hat', layout.sHat + (pick % n) * SL, randomScalar],
          ['s_prime', layout.sPrime + (pick % n) * SL, randomScalar],
        ];
        const [, offset, replacement] = parts[field % parts.length];
        const changed = proof.slice();
        changed.set(replacement(), offset);
        expectRejected(election.statement, election.inputs, outputs, changed);
        const flipped = proof.slice();
        flipped[byte % proof.length] ^= 1 << (byte % 8);
        expectRejected(election.statement, election.inputs, outputs, flipped);
        expectRejected(election.statement, election.inputs, outputs, proof.subarray(0, proof.length - 1));
        expectRejected(election.statement, election.inputs, outputs, new Uint8Array([...proof, 0]));
      }),
      { numRuns: 12 },
    );
  });

  it('a proof made with other generators (another seed) or under another domain label', () => {
    for (const group of GROUPS) {
      const election = makeElection(group, 3, 2, 'deviations');
      const { statement, inputs } = election;
      const { outputs, secret } = shuffle(statement, inputs, { rng: election.rng });
      const prove = (deviations: object) =>
        runSync(proveDriver(statement, inputs, outputs, secret.key, election.rng(32), syncExecutor, deviations));
      // The honest driver's proof verifies: the deviations below are the only difference.
      expect(verifyShuffle(statement, inputs, outputs, prove({})).ok).toBe(true);
      expectRejected(statement, inputs, outputs, prove({ generatorsSeed: election.rng(64) }));
      expectRejected(statement, inputs, outputs, prove({ protocol: 'shuffle-v0' }));
    }
  });
});

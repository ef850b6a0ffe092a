import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, deterministicRandom } from '@ostraka/crypto';
import { proofLayout, proveShuffle, shuffle, shuffleAndProve, verifyShuffle } from '@ostraka/shuffle';
import { ciphertextAt, decryptAll, electionShape, makeElection, messagesOf, replaceCiphertext, RUNS } from './fixtures.js';
import { referenceVerify } from './reference-verifier.js';

describe('shuffle and prove (completeness)', () => {
  it('outputs decrypt to a permutation of the inputs, and honest proofs verify (both verifiers)', () => {
    fc.assert(
      fc.property(electionShape(), ({ group, n, width, seed }) => {
        const election = makeElection(group, n, width, seed);
        const { statement, inputs } = election;
        const { outputs, proof } = shuffleAndProve(statement, inputs, { rng: election.rng });
        expect(outputs.length).toBe(inputs.length);
        expect(decryptAll(election, outputs).sort()).toEqual(messagesOf(election).sort());
        expect(proof.length).toBe(proofLayout(election.group, width, n).length);
        expect(verifyShuffle(statement, inputs, outputs, proof)).toEqual({ ok: true });
        expect(referenceVerify(statement, inputs, outputs, proof)).toBe(true);
      }),
      RUNS,
    );
  });

  it('re-encrypts every output: no output equals an input', () => {
    const election = makeElection('ristretto255', 6, 2, 'fresh');
    const { outputs } = shuffle(election.statement, election.inputs, { rng: election.rng });
    const inputs = Array.from({ length: 6 }, (_, i) => Buffer.from(ciphertextAt(election, election.inputs, i)).toString('hex'));
    for (let i = 0; i < 6; i++) expect(inputs).not.toContain(Buffer.from(ciphertextAt(election, outputs, i)).toString('hex'));
  });

  it('is deterministic for a given randomness source, and random otherwise', () => {
    const election = makeElection('ristretto255', 5, 1, 'determinism');
    const run = (seed: string) => shuffleAndProve(election.statement, election.inputs, { rng: deterministicRandom(seed) });
    const [a, b, c] = [run('x'), run('x'), run('y')];
    expect(b).toEqual(a);
    expect(c.outputs).not.toEqual(a.outputs);
    expect(c.proof).not.toEqual(a.proof);
  });
});

describe('edge cases', () => {
  for (const group of ['ristretto255', 'p256'] as const) {
    it(`${group}: N = 0 gives an empty output and a proof of header and scalars only, which verifies`, () => {
      const election = makeElection(group, 0, 2, 'empty');
      const { outputs, proof } = shuffleAndProve(election.statement, election.inputs, { rng: election.rng });
      expect(outputs.length).toBe(0);
      expect(proof.length).toBe(8 + (4 + 2) * 32);
      expect(verifyShuffle(election.statement, election.inputs, outputs, proof)).toEqual({ ok: true });
    });

    it(`${group}: N = 1 re-encrypts the single ciphertext and verifies`, () => {
      const election = makeElection(group, 1, 1, 'single');
      const { outputs, proof } = shuffleAndProve(election.statement, election.inputs, { rng: election.rng });
      expect(decryptAll(election, outputs)).toEqual(messagesOf(election));
      expect(verifyShuffle(election.statement, election.inputs, outputs, proof)).toEqual({ ok: true });
    });
  }

  it('allows duplicate inputs and shuffles them as distinct items', () => {
    const election = makeElection('ristretto255', 3, 1, 'duplicates');
    const one = ciphertextAt(election, election.inputs, 0);
    const inputs = replaceCiphertext(election, replaceCiphertext(election, election.inputs, 1, one), 2, one);
    const { outputs, proof } = shuffleAndProve(election.statement, inputs, { rng: election.rng });
    const decrypted = decryptAll(election, outputs);
    expect(new Set(decrypted).size).toBe(1);
    expect(verifyShuffle(election.statement, inputs, outputs, proof)).toEqual({ ok: true });
  });

  it('rejects a list that is not a whole number of ciphertexts of the width', () => {
    const election = makeElection('ristretto255', 3, 2, 'width');
    const short = election.inputs.subarray(0, election.inputs.length - 32);
    expect(() => shuffle(election.statement, short)).toThrow(DecodeError);
    const { outputs, proof } = shuffleAndProve(election.statement, election.inputs, { rng: election.rng });
    const verdict = verifyShuffle(election.statement, short, outputs, proof);
    expect(verdict.ok).toBe(false);
  });

  it('rejects a proof checked under another width (the header names the width)', () => {
    const election = makeElection('ristretto255', 2, 2, 'width-mismatch');
    const { outputs, proof } = shuffleAndProve(election.statement, election.inputs, { rng: election.rng });
    // The same bytes read as width 1 are four ciphertexts: N and width both disagree with the proof.
    const verdict = verifyShuffle({ ...election.statement, width: 1 }, election.inputs, outputs, proof);
    expect(verdict).toMatchObject({ ok: false });
    expect(verifyShuffle({ ...election.statement, width: 4 }, election.inputs, outputs, proof)).toMatchObject({ ok: false });
  });

  it('rejects outputs of another length than the inputs', () => {
    const election = makeElection('ristretto255', 3, 1, 'lengths');
    const { outputs, proof } = shuffleAndProve(election.statement, election.inputs, { rng: election.rng });
    const verdict = verifyShuffle(election.statement, election.inputs, outputs.subarray(64), proof);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(verdict.reason).toMatch(/outputs/);
  });

  it('names the first undecodable input element, when shuffling and when verifying', () => {
    const election = makeElection('ristretto255', 4, 2, 'bad-element');
    const { outputs, proof } = shuffleAndProve(election.statement, election.inputs, { rng: election.rng });
    const bad = election.inputs.slice();
    bad.fill(0xff, 2 * 128 + 32, 2 * 128 + 64); // input 2, element b_0: not canonical
    expect(() => shuffle(election.statement, bad)).toThrow(/inputs\[2\]/);
    const verdict = verifyShuffle(election.statement, bad, outputs, proof);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(verdict.reason).toMatch(/inputs\[2\]\.b\[0\]/);
  });

  it('refuses malformed statements as programming errors', () => {
    const election = makeElection('ristretto255', 1, 1, 'statement');
    const { statement, inputs } = election;
    expect(() => shuffle({ ...statement, group: 'p384' as never }, inputs)).toThrow(RangeError);
    expect(() => shuffle({ ...statement, width: 0 }, inputs)).toThrow(RangeError);
    expect(() => shuffle({ ...statement, width: 1.5 }, inputs)).toThrow(RangeError);
    expect(() => shuffle({ ...statement, round: -1 }, inputs)).toThrow(RangeError);
    expect(() => shuffle({ ...statement, publicKey: new Uint8Array(32) }, inputs)).toThrow(DecodeError);
    const { outputs, secret } = shuffle(statement, inputs);
    expect(() => proveShuffle(statement, inputs, outputs, { key: new Uint8Array(31) })).toThrow(DecodeError);
    expect(() => proveShuffle(statement, inputs, outputs.subarray(64), secret)).toThrow(DecodeError);
  });
});

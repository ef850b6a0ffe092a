/**
 * Vectors of the verifiable shuffle (docs/crypto.md §9): per group, honest shuffles with their
 * proofs (N = 0, 1 and 3; widths 1 and 2) with every value a verifier recomputes, the prover's
 * randomness, and tampered cases that must be rejected. All from fixed seeds.
 */
import {
  concatBytes,
  deriveGenerators,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  generateKeyPair,
  GROUP_NAMES,
  groupByName,
  toHex,
  type Group,
} from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';
import {
  ChallengeVector,
  generatePermutation,
  proofLayout,
  proveDriver,
  runSync,
  shuffleDriver,
  syncExecutor,
  verifyDriver,
  type RecomputedValues,
} from '@ostraka/shuffle/internal';

interface Honest {
  readonly name: string;
  readonly n: number;
  readonly width: number;
}

const HONEST: Honest[] = [
  { name: 'n3-w2', n: 3, width: 2 },
  { name: 'n1-w1', n: 1, width: 1 },
  { name: 'n0-w1', n: 0, width: 1 },
];

function hexList(bytes: Uint8Array, size: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(toHex(bytes.subarray(at, at + size)));
  return out;
}

function honestCase(G: Group<unknown>, spec: Honest) {
  const rng = deterministicRandom(`ostraka-vectors/shuffle/${G.name}/${spec.name}`);
  const keys = generateKeyPair(G, rng);
  const elgamal = new ElGamal(G, keys.public);
  const ciphertexts = Array.from({ length: spec.n }, () => {
    const m = Array.from({ length: spec.width }, () => G.multiplyPublic(G.generator, G.scalars.randomNonZero(rng)));
    return encodeCiphertext(G, elgamal.encrypt(m, rng).ciphertext);
  });
  const inputs = concatBytes(...ciphertexts);
  const statement: ShuffleStatement = {
    group: G.name,
    publicKey: G.encode(keys.public),
    width: spec.width,
    election: 'vector-election',
    round: 2,
  };
  const shuffleKey = rng(32);
  const nonce = rng(32);
  const outputs = runSync(shuffleDriver(statement, inputs, shuffleKey, syncExecutor));
  const proof = runSync(proveDriver(statement, inputs, outputs, shuffleKey, nonce, syncExecutor));
  let recomputed: RecomputedValues | undefined;
  const verdict = runSync(verifyDriver(statement, inputs, outputs, proof, syncExecutor, (v) => (recomputed = v)));
  if (!verdict.ok || recomputed === undefined) throw new Error(`vector ${spec.name} does not verify`);
  const L = G.elementLength;
  const u = new ChallengeVector(recomputed.uSeed);
  const layout = proofLayout(G, spec.width, spec.n);
  const t = hexList(recomputed.t, L);
  return {
    statement,
    secretKey: keys.secret,
    inputs,
    outputs,
    proof,
    json: {
      name: spec.name,
      valid: true,
      statement: {
        group: G.name,
        public_key: toHex(statement.publicKey),
        width: spec.width,
        election: statement.election,
        round: statement.round,
      },
      n: spec.n,
      inputs: toHex(inputs),
      outputs: toHex(outputs),
      proof: toHex(proof),
      proof_length: layout.length,
      recomputed: {
        generators_seed: toHex(recomputed.generatorsSeed),
        generators: hexList(G.encodeMany(deriveGenerators(G, recomputed.generatorsSeed, 0, spec.n + 1)), L),
        u_seed: toHex(recomputed.uSeed),
        u: Array.from({ length: spec.n }, (_, j) => u.at(j + 1).toString(16).padStart(32, '0')),
        t1: t[0],
        t2: t[1],
        t3: t[2],
        t4: t.slice(3),
        t_hat: hexList(recomputed.tHat, L),
        challenge: toHex(proof.subarray(layout.challenge, layout.challenge + G.scalarLength)),
      },
      prover: {
        secret_key: toHex(G.scalars.encode(keys.secret)),
        shuffle_key: toHex(shuffleKey),
        proof_nonce: toHex(nonce),
        // ψ(i) for i = 1..N: output i re-encrypts input ψ(i).
        permutation: Array.from(generatePermutation(shuffleKey, spec.n), (j) => j + 1),
      },
    },
  };
}

/** Tampered variants of the first honest case, each of which a verifier must reject. */
function invalidCases(G: Group<unknown>, base: ReturnType<typeof honestCase>) {
  const { statement, inputs, outputs, proof } = base;
  const C = 2 * statement.width * G.elementLength;
  const layout = proofLayout(G, statement.width, inputs.length / C);
  const swapped = outputs.slice();
  swapped.set(outputs.subarray(C, 2 * C), 0);
  swapped.set(outputs.subarray(0, C), C);
  const changedResponse = proof.slice();
  changedResponse.set(G.scalars.encode(G.scalars.add(G.scalars.decode(proof.subarray(layout.sPrime, layout.sPrime + 32)), 1n)), layout.sPrime);
  const cases = [
    { name: 'outputs-swapped', why: 'outputs 1 and 2 exchanged', statement, inputs, outputs: swapped, proof },
    { name: 'response-changed', why: "s'_1 increased by one", statement, inputs, outputs, proof: changedResponse },
    { name: 'other-round', why: 'the proof of round 2 checked as round 3', statement: { ...statement, round: 3 }, inputs, outputs, proof },
    { name: 'truncated', why: 'the last byte of the proof removed', statement, inputs, outputs, proof: proof.subarray(0, proof.length - 1) },
  ];
  return cases.map((c) => {
    const verdict = runSync(verifyDriver(c.statement, c.inputs, c.outputs, c.proof, syncExecutor));
    if (verdict.ok) throw new Error(`invalid vector ${c.name} verifies`);
    return {
      name: c.name,
      valid: false,
      why: c.why,
      statement: { group: G.name, public_key: toHex(c.statement.publicKey), width: c.statement.width, election: c.statement.election, round: c.statement.round },
      inputs: toHex(c.inputs),
      outputs: toHex(c.outputs),
      proof: toHex(c.proof),
    };
  });
}

export function shuffleVectorFiles(): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const name of GROUP_NAMES) {
    const G = groupByName(name);
    const honest = HONEST.map((spec) => honestCase(G, spec));
    files[`shuffle-${name}.json`] = {
      description:
        'Verifiable shuffle (docs/crypto.md §9): honest shuffles with their proofs, every value a verifier recomputes, ' +
        "the prover's randomness (§9.6), and tampered cases that must be rejected. Hex is lower case; integers u_j are 128-bit big-endian hex.",
      group: name,
      cases: [...honest.map((h) => h.json), ...invalidCases(G, honest[0])],
    };
  }
  return files;
}

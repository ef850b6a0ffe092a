/**
 * A second, deliberately plain implementation of CheckProof, written from docs/crypto.md §9:
 * the textbook equations of Haenni et al., one exponentiation at a time, no multi-scalar
 * multiplication, no halving, no ranges. The tests check that the package's fast verifier
 * accepts and rejects exactly what this one does.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, deriveGenerators, groupByName, Transcript, u32be, type Group } from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';

export function referenceVerify(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array): boolean {
  try {
    return check(statement, inputs, outputs, proof);
  } catch {
    return false;
  }
}

function check(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array): boolean {
  const G: Group<unknown> = groupByName(statement.group);
  const w = statement.width;
  const L = G.elementLength;
  const SL = G.scalarLength;
  const S = G.scalars;
  const C = 2 * w * L;
  const n = inputs.length / C;
  if (!Number.isInteger(n) || outputs.length !== inputs.length) return false;
  const pk = G.decode(statement.publicKey);

  // Header and layout (§9.4).
  const header = new DataView(proof.buffer, proof.byteOffset, 8);
  if (header.getUint8(0) !== 1 || header.getUint8(1) !== (G.name === 'ristretto255' ? 1 : 2)) return false;
  if (header.getUint16(2) !== w || header.getUint32(4) !== n) return false;
  if (proof.length !== 8 + 2 * n * L + (4 + w + 2 * n) * SL) return false;
  let at = 8;
  const take = (bytes: number) => proof.subarray(at, (at += bytes));
  const cBytes = take(n * L);
  const chainBytes = take(n * L);
  const c = S.decode(take(SL));
  const [s1, s2, s3] = [S.decode(take(SL)), S.decode(take(SL)), S.decode(take(SL))];
  const s4 = Array.from({ length: w }, () => S.decode(take(SL)));
  const sHat = Array.from({ length: n }, () => S.decode(take(SL)));
  const sPrime = Array.from({ length: n }, () => S.decode(take(SL)));
  const perm = Array.from({ length: n }, (_, j) => G.decode(cBytes.subarray(j * L, (j + 1) * L)));
  const chain = Array.from({ length: n }, (_, i) => G.decode(chainBytes.subarray(i * L, (i + 1) * L)));
  const ciphertext = (bytes: Uint8Array, i: number) =>
    Array.from({ length: 2 * w }, (_, k) => G.decode(bytes.subarray(i * C + k * L, i * C + (k + 1) * L)));
  const e = Array.from({ length: n }, (_, i) => ciphertext(inputs, i));
  const ePrime = Array.from({ length: n }, (_, i) => ciphertext(outputs, i));

  // Generators (§9.2).
  const context = { election: statement.election, step: `mix/${statement.round}` };
  const seed = new Transcript('shuffle-generators', context).appendString('group', G.name).append('n', u32be(n)).challengeBytes('seed');
  const h = deriveGenerators(G, seed, 0, n + 1);

  // Challenges (§9.3).
  const transcript = new Transcript('shuffle', context)
    .appendString('group', G.name)
    .append('public_key', statement.publicKey)
    .append('width', u32be(w))
    .append('n', u32be(n))
    .append('generators_seed', seed)
    .append('inputs', inputs)
    .append('outputs', outputs)
    .append('permutation_commitment', cBytes);
  const uSeed = transcript.challengeBytes('u');
  const u = Array.from({ length: n }, (_, j) => {
    const digest = sha512(concatBytes(uSeed, u32be(j + 1)));
    return BigInt('0x' + Buffer.from(digest.subarray(0, 16)).toString('hex'));
  });

  // CheckProof, equation by equation (§9.5).
  const exp = (x: unknown, k: bigint) => G.multiplyPublic(x, S.reduce(k));
  const g = G.generator;
  let cBar = G.identity;
  for (let j = 0; j < n; j++) cBar = G.subtract(G.add(cBar, perm[j]), h[j + 1]);
  const uProduct = u.reduce((a, b) => S.multiply(a, b), 1n);
  const cHat = G.subtract(n === 0 ? h[0] : chain[n - 1], exp(h[0], uProduct));
  let cTilde = G.identity;
  for (let j = 0; j < n; j++) cTilde = G.add(cTilde, exp(perm[j], u[j]));
  const t1 = G.add(exp(cBar, -c), exp(g, s1));
  const t2 = G.add(exp(cHat, -c), exp(g, s2));
  let t3 = G.add(exp(cTilde, -c), exp(g, s3));
  for (let i = 0; i < n; i++) t3 = G.add(t3, exp(h[i + 1], sPrime[i]));
  const t4: unknown[] = [];
  for (let k = 0; k < w; k++) {
    let ta = exp(g, -s4[k]);
    let tb = exp(pk, -s4[k]);
    for (let j = 0; j < n; j++) {
      ta = G.add(ta, exp(e[j][2 * k], -c * u[j]));
      tb = G.add(tb, exp(e[j][2 * k + 1], -c * u[j]));
    }
    for (let i = 0; i < n; i++) {
      ta = G.add(ta, exp(ePrime[i][2 * k], sPrime[i]));
      tb = G.add(tb, exp(ePrime[i][2 * k + 1], sPrime[i]));
    }
    t4.push(ta, tb);
  }
  const tHat = Array.from({ length: n }, (_, i) =>
    G.add(G.add(exp(chain[i], -c), exp(g, sHat[i])), exp(i === 0 ? h[0] : chain[i - 1], sPrime[i])),
  );
  transcript
    .append('commitment_chain', chainBytes)
    .append('t1', G.encode(t1))
    .append('t2', G.encode(t2))
    .append('t3', G.encode(t3))
    .append('t4', G.encodeMany(t4))
    .append('t_hat', G.encodeMany(tHat));
  return transcript.challengeScalar('c', G) === c;
}

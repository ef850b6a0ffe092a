/**
 * The Swiss Post 2019 attack (Haines, Lewis, Pereira, Teague, "How not to prove your election
 * outcome", IEEE S&P 2020), transposed to ostraka's shuffle proof (docs/crypto.md §9).
 *
 * The proof's permutation commitment c_j = g^{r_j}·h_{ψ⁻¹(j)} binds the prover to a permutation
 * only if nobody knows a discrete logarithm between g, h_0, …, h_N. A prover who picks the
 * generators itself (h_i = g^{x_i}) can open the commitments to anything: every commitment
 * equation of the proof becomes a relation in base g that it can satisfy, and only the
 * ciphertext equation Π e'_i^{u'_i} = Π e_j^{u_j}·Enc(1, r') is left, with u' free instead of a
 * permutation of u. Here output 1 is made the re-encrypted *product* of inputs 1 and 2 (its
 * plaintext is m_1·m_2, which no voter cast) and u'_1 = u_1, u'_2 = u_2 − u_1 balance it.
 *
 * `verifyWithGenerators` is §9.5 with the seed and the generators given to it, as Swiss Post's
 * verifier took them from the prover's parameters: it accepts the forgery. ostraka's verifiers
 * derive the seed and generators themselves (§9.2), and must reject it.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import {
  concatBytes,
  decodeCiphertext,
  encodeCiphertext,
  groupByName,
  multiplyCiphertexts,
  ElGamal,
  Transcript,
  u32be,
  type Ciphertext,
  type Group,
  type RandomSource,
} from '@ostraka/crypto';
import type { ShuffleStatement } from '@ostraka/shuffle';

type E = unknown;

const GROUP_ID = { ristretto255: 1, p256: 2 } as const;

function context(statement: ShuffleStatement) {
  return { election: statement.election, step: `mix/${statement.round}` };
}

function decodeList(G: Group<E>, packed: Uint8Array, width: number): Ciphertext<E>[] {
  const C = 2 * width * G.elementLength;
  if (packed.length % C !== 0) throw new RangeError('not a whole number of ciphertexts');
  return Array.from({ length: packed.length / C }, (_, i) => decodeCiphertext(G, packed.subarray(i * C, (i + 1) * C), width, `list[${i}]`));
}

/** u_j from u_seed (§9.3): the first 16 bytes of SHA-512(u_seed ‖ u32be(j)), big-endian. */
function challengeVector(uSeed: Uint8Array, n: number): bigint[] {
  return Array.from({ length: n }, (_, j) => {
    const d = sha512(concatBytes(uSeed, u32be(j + 1)));
    return BigInt('0x' + Buffer.from(d.subarray(0, 16)).toString('hex'));
  });
}

function statementTranscript(G: Group<E>, statement: ShuffleStatement, n: number, seed: Uint8Array, inputs: Uint8Array, outputs: Uint8Array, commitments: Uint8Array) {
  return new Transcript('shuffle', context(statement))
    .appendString('group', G.name)
    .append('public_key', statement.publicKey)
    .append('width', u32be(statement.width))
    .append('n', u32be(n))
    .append('generators_seed', seed)
    .append('inputs', inputs)
    .append('outputs', outputs)
    .append('permutation_commitment', commitments);
}

export interface TrapdoorForgery {
  /** Output 1 re-encrypts input 1 × input 2; outputs 2..N re-encrypt inputs 2..N. */
  readonly outputs: Uint8Array;
  readonly proof: Uint8Array;
  /** The prover's seed and generators h_0..h_N (h_i = g^{x_i}, x_i known to the prover). */
  readonly seed: Uint8Array;
  readonly generators: E[];
}

/** Forges a shuffle proof of a list that is not a shuffle of `inputs`, with trapdoored generators. */
export function forgeWithTrapdoor(statement: ShuffleStatement, inputs: Uint8Array, rng: RandomSource): TrapdoorForgery {
  const G = groupByName(statement.group) as Group<E>;
  const S = G.scalars;
  const w = statement.width;
  const pk = G.decode(statement.publicKey);
  const e = decodeList(G, inputs, w);
  const n = e.length;
  if (n < 2) throw new RangeError('the forgery needs at least two inputs');
  const g = G.generator;
  const gx = (x: bigint) => G.multiply(g, x);

  // The trapdoor: generators whose logarithms the prover knows.
  const x = Array.from({ length: n + 1 }, () => S.randomNonZero(rng));
  const h = x.map(gx);
  const seed = rng(64);

  // Outputs (ψ = identity): output 1 carries the product of inputs 1 and 2.
  const elgamal = new ElGamal(G, pk);
  const rPrime: bigint[][] = [];
  const out: Ciphertext<E>[] = e.map((ct, i) => {
    const { ciphertext, randomness } = elgamal.reEncrypt(i === 0 ? multiplyCiphertexts(G, e[0], e[1]) : ct, rng);
    rPrime.push(randomness);
    return ciphertext;
  });
  const outputs = concatBytes(...out.map((c) => encodeCiphertext(G, c)));

  // Permutation commitment to the identity, c_j = g^{r_j}·h_j; then u.
  const r = Array.from({ length: n }, () => S.randomNonZero(rng));
  const c = r.map((rj, j) => G.add(gx(rj), h[j + 1]));
  const cBytes = G.encodeMany(c);
  const transcript = statementTranscript(G, statement, n, seed, inputs, outputs, cBytes);
  const u = challengeVector(transcript.challengeBytes('u'), n);

  // u' is not a permutation of u: it balances the product in output 1.
  const uPrime = u.map((uj, i) => (i === 1 ? S.subtract(u[1], u[0]) : uj));

  // Commitment chain ĉ_i = g^{r̂_i}·ĉ_{i−1}^{u'_i}, with ĉ_N = g^{R_N}·h_0^{U_N}.
  const rHat = Array.from({ length: n }, () => S.randomNonZero(rng));
  const chain: E[] = [];
  let previous = h[0];
  let R = 0n;
  let U = 1n;
  for (let i = 0; i < n; i++) {
    previous = G.add(gx(rHat[i]), G.multiply(previous, uPrime[i]));
    chain.push(previous);
    R = S.add(rHat[i], S.multiply(uPrime[i], R));
    U = S.multiply(U, uPrime[i]);
  }
  const uProduct = u.reduce((a, b) => S.multiply(a, b), 1n);

  // The witnesses, each corrected with the trapdoor where u' differs from a permutation of u.
  const rBar = r.reduce((a, b) => S.add(a, b), 0n);
  const rHatTotal = S.add(R, S.multiply(x[0], S.subtract(U, uProduct)));
  let rTilde = 0n;
  for (let j = 0; j < n; j++) rTilde = S.add(rTilde, S.add(S.multiply(r[j], u[j]), S.multiply(x[j + 1], S.subtract(u[j], uPrime[j]))));
  const rPrimeTotal = Array.from({ length: w }, (_, k) => rPrime.reduce((acc, ri, i) => S.add(acc, S.multiply(ri[k], uPrime[i])), 0n));

  // Commitments t and the challenge c.
  const [o1, o2, o3] = [S.randomNonZero(rng), S.randomNonZero(rng), S.randomNonZero(rng)];
  const o4 = Array.from({ length: w }, () => S.randomNonZero(rng));
  const oHat = Array.from({ length: n }, () => S.randomNonZero(rng));
  const oPrime = Array.from({ length: n }, () => S.randomNonZero(rng));
  let t3 = gx(o3);
  for (let i = 0; i < n; i++) t3 = G.add(t3, G.multiply(h[i + 1], oPrime[i]));
  const t4: E[] = [];
  for (let k = 0; k < w; k++) {
    let ta = G.negate(gx(o4[k]));
    let tb = G.negate(G.multiply(pk, o4[k]));
    for (let i = 0; i < n; i++) {
      ta = G.add(ta, G.multiply(out[i].a[k], oPrime[i]));
      tb = G.add(tb, G.multiply(out[i].b[k], oPrime[i]));
    }
    t4.push(ta, tb);
  }
  const tHat = chain.map((_, i) => G.add(gx(oHat[i]), G.multiply(i === 0 ? h[0] : chain[i - 1], oPrime[i])));
  transcript
    .append('commitment_chain', G.encodeMany(chain))
    .append('t1', G.encode(gx(o1)))
    .append('t2', G.encode(gx(o2)))
    .append('t3', G.encode(t3))
    .append('t4', G.encodeMany(t4))
    .append('t_hat', G.encodeMany(tHat));
  const ch = transcript.challengeScalar('c', G);
  const resp = (omega: bigint, witness: bigint) => S.add(omega, S.multiply(ch, witness));

  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  view.setUint8(0, 1);
  view.setUint8(1, GROUP_ID[G.name]);
  view.setUint16(2, w);
  view.setUint32(4, n);
  const scalars = (list: bigint[]) => concatBytes(...list.map((s) => S.encode(s)));
  const proof = concatBytes(
    header,
    cBytes,
    G.encodeMany(chain),
    scalars([ch, resp(o1, rBar), resp(o2, rHatTotal), resp(o3, rTilde), ...o4.map((o, k) => resp(o, rPrimeTotal[k]))]),
    scalars(oHat.map((o, i) => resp(o, rHat[i]))),
    scalars(oPrime.map((o, i) => resp(o, uPrime[i]))),
  );
  return { outputs, proof, seed, generators: h };
}

/**
 * CheckProof (§9.5) with the generators' seed and h_0..h_N supplied by the caller: a faithful
 * transcription of the equations, except for where the generators come from.
 */
export function verifyWithGenerators(statement: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array, seed: Uint8Array, h: readonly E[]): boolean {
  try {
    const G = groupByName(statement.group) as Group<E>;
    const S = G.scalars;
    const w = statement.width;
    const L = G.elementLength;
    const SL = G.scalarLength;
    const pk = G.decode(statement.publicKey);
    const e = decodeList(G, inputs, w);
    const ePrime = decodeList(G, outputs, w);
    const n = e.length;
    if (ePrime.length !== n || h.length !== n + 1) return false;
    const view = new DataView(proof.buffer, proof.byteOffset, proof.length);
    if (view.getUint8(0) !== 1 || view.getUint8(1) !== GROUP_ID[G.name] || view.getUint16(2) !== w || view.getUint32(4) !== n) return false;
    if (proof.length !== 8 + 2 * n * L + (4 + w + 2 * n) * SL) return false;
    let at = 8;
    const take = (bytes: number) => proof.subarray(at, (at += bytes));
    const cBytes = take(n * L);
    const chainBytes = take(n * L);
    const scalar = () => S.decode(take(SL));
    const ch = scalar();
    const [s1, s2, s3] = [scalar(), scalar(), scalar()];
    const s4 = Array.from({ length: w }, scalar);
    const sHat = Array.from({ length: n }, scalar);
    const sPrime = Array.from({ length: n }, scalar);
    const c = G.decodeMany(cBytes, n, 'permutation_commitment');
    const chain = G.decodeMany(chainBytes, n, 'commitment_chain');

    const transcript = statementTranscript(G, statement, n, seed, inputs, outputs, cBytes);
    const u = challengeVector(transcript.challengeBytes('u'), n);
    const exp = (p: E, k: bigint) => G.multiplyPublic(p, S.reduce(((k % G.order) + G.order) % G.order));
    const g = G.generator;
    let cBar = G.identity;
    for (let j = 0; j < n; j++) cBar = G.subtract(G.add(cBar, c[j]), h[j + 1]);
    const cHat = G.subtract(n === 0 ? h[0] : chain[n - 1], exp(h[0], u.reduce((a, b) => S.multiply(a, b), 1n)));
    let cTilde = G.identity;
    for (let j = 0; j < n; j++) cTilde = G.add(cTilde, exp(c[j], u[j]));
    const t1 = G.add(exp(cBar, -ch), exp(g, s1));
    const t2 = G.add(exp(cHat, -ch), exp(g, s2));
    let t3 = G.add(exp(cTilde, -ch), exp(g, s3));
    for (let i = 0; i < n; i++) t3 = G.add(t3, exp(h[i + 1], sPrime[i]));
    const t4: E[] = [];
    for (let k = 0; k < w; k++) {
      let ta = exp(g, -s4[k]);
      let tb = exp(pk, -s4[k]);
      for (let j = 0; j < n; j++) {
        ta = G.add(ta, exp(e[j].a[k], -ch * u[j]));
        tb = G.add(tb, exp(e[j].b[k], -ch * u[j]));
      }
      for (let i = 0; i < n; i++) {
        ta = G.add(ta, exp(ePrime[i].a[k], sPrime[i]));
        tb = G.add(tb, exp(ePrime[i].b[k], sPrime[i]));
      }
      t4.push(ta, tb);
    }
    const tHat = chain.map((ci, i) => G.add(G.add(exp(ci, -ch), exp(g, sHat[i])), exp(i === 0 ? h[0] : chain[i - 1], sPrime[i])));
    transcript
      .append('commitment_chain', chainBytes)
      .append('t1', G.encode(t1))
      .append('t2', G.encode(t2))
      .append('t3', G.encode(t3))
      .append('t4', G.encodeMany(t4))
      .append('t_hat', G.encodeMany(tHat));
    return transcript.challengeScalar('c', G) === ch;
  } catch {
    return false;
  }
}

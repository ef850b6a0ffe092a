/**
 * One range of indices [from, to) of the shuffle verifications of consecutive mix rounds
 * (docs/crypto.md §9.5), computed in a worker: strict decoding of that part of the lists and the
 * proofs, the generators and challenges of the range, the range's share of every product, and the
 * commitments t̂_i of the range. The main thread adds the shares up (verify-shuffle.ts).
 *
 * Round k's outputs are round k+1's inputs: each list is decoded once for both rounds.
 *
 * Speed (docs/crypto.md §9.8 describes the prover's side): products are bucket MSMs over the
 * range (128-bit u_j, full s'_i); each t̂_i = ĉ_{i−1}^{s'_i}·ĉ_i^{−c}·g^{ŝ_i} is a two-point Straus
 * (the table of ĉ_i serves t̂_i and t̂_{i+1}) plus a fixed-base table for g. On ristretto255 the
 * t̂_i are computed halved and their encodings obtained doubled, with one field inversion for
 * the whole range instead of one inverse square root each.
 */
import { groupByName, toTransfer, type Group, type GroupName, type TransferPoint } from '../crypto/group.js';
import { doubleAndEncodeAll, HALF_MOD_Q } from '../crypto/fast/edwards25519.js';
import { kernelFor, type Kernel } from '../crypto/fast/kernels.js';
import { msmMany, oddMultiples, straus } from '../crypto/fast/msm.js';
import { wnaf } from '../crypto/fast/scalar-digits.js';
import { concat, u32be, utf8 } from '../encoding/bytes.js';
import { challengeVector } from './challenges.js';

/** One round's part of a range task. */
export interface RoundSlice {
  seed: Uint8Array;
  uSeed: Uint8Array;
  c: bigint;
  outputs: Uint8Array;
  commitments: Uint8Array;
  /** ĉ_from in 1-based terms (the chain element before the range; h_0 for the first range). */
  chainBefore: Uint8Array;
  chain: Uint8Array;
  sHat: Uint8Array;
  sPrime: Uint8Array;
}

export interface RangeTask {
  group: GroupName;
  width: number;
  /** 0-based positions: ciphertexts and proof items j = from … to−1 (1-based index j+1). */
  from: number;
  to: number;
  /** The first round's inputs for the range. */
  inputs: Uint8Array;
  rounds: RoundSlice[];
}

export interface RangeShares {
  sumC: TransferPoint;
  sumH: TransferPoint;
  prodU: bigint;
  cTilde: TransferPoint;
  aTilde: TransferPoint[];
  bTilde: TransferPoint[];
  t3: TransferPoint;
  t4a: TransferPoint[];
  t4b: TransferPoint[];
  tHat: Uint8Array;
}

export type RangeResult = { ok: true; shares: RangeShares } | { ok: false; reason: string };

const NAF_WIDTH = 5;

type P = unknown;
/** A decoded list: for each component k, the a's and the b's. */
type Decoded = { a: P[][]; b: P[][] };

function decodeList(kernel: Kernel, bytes: Uint8Array, n: number, w: number, from: number, what: string): Decoded | string {
  const { ops, group } = kernel;
  const L = group.elementLength;
  const a: P[][] = Array.from({ length: w }, () => []);
  const b: P[][] = Array.from({ length: w }, () => []);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < w; k++) {
      const e = 2 * (j * w + k);
      const x = ops.decode(bytes, e * L);
      if (typeof x === 'string') return `${what} ciphertext ${from + j + 1}, component ${k + 1} (a): ${x}`;
      const y = ops.decode(bytes, (e + 1) * L);
      if (typeof y === 'string') return `${what} ciphertext ${from + j + 1}, component ${k + 1} (b): ${y}`;
      a[k].push(x);
      b[k].push(y);
    }
  }
  return { a, b };
}

export function verifyRoundsRange(task: RangeTask): RangeResult[] {
  const group = groupByName(task.group)!;
  const kernel = kernelFor(group);
  const n = task.to - task.from;
  const results: RangeResult[] = [];
  let inputs = decodeList(kernel, task.inputs, n, task.width, task.from, 'input');
  for (const round of task.rounds) {
    if (typeof inputs === 'string') {
      results.push({ ok: false, reason: inputs });
      inputs = 'the input list (the previous round\'s output) has an invalid element';
      continue;
    }
    const outputs = decodeList(kernel, round.outputs, n, task.width, task.from, 'output');
    results.push(typeof outputs === 'string' ? { ok: false, reason: outputs } : roundShares(kernel, group, task, round, inputs, outputs));
    inputs = outputs;
  }
  return results;
}

function roundShares(kernel: Kernel, group: Group, task: RangeTask, round: RoundSlice, inputs: Decoded, outputs: Decoded): RangeResult {
  const { ops, generator } = kernel;
  const { from, to } = task;
  const n = to - from;
  const L = group.elementLength;
  const q = group.order;
  const cs: P[] = [];
  const chain: P[] = [];
  const sHat: bigint[] = [];
  const sPrime: bigint[] = [];
  for (let j = 0; j < n; j++) {
    const index = from + j + 1;
    const c = ops.decode(round.commitments, j * L);
    if (typeof c === 'string') return { ok: false, reason: `permutation commitment c_${index}: ${c}` };
    const h = ops.decode(round.chain, j * L);
    if (typeof h === 'string') return { ok: false, reason: `commitment chain ĉ_${index}: ${h}` };
    const sh = group.decodeScalar(round.sHat.subarray(32 * j, 32 * j + 32));
    if (typeof sh === 'string') return { ok: false, reason: `ŝ_${index}: ${sh}` };
    const sp = group.decodeScalar(round.sPrime.subarray(32 * j, 32 * j + 32));
    if (typeof sp === 'string') return { ok: false, reason: `s'_${index}: ${sp}` };
    cs.push(c);
    chain.push(h);
    sHat.push(sh);
    sPrime.push(sp);
  }
  const before = ops.decode(round.chainBefore, 0);
  if (typeof before === 'string') return { ok: false, reason: `commitment chain ĉ_${from}: ${before}` };

  // h_i = HashToGroup(seed ‖ u32be(i), "ostraka-v1-generators-" ‖ group) (docs/crypto.md §3).
  const dst = utf8(`ostraka-v1-generators-${group.name}`);
  const h: P[] = [];
  for (let i = from + 1; i <= to; i++) h.push(ops.hash(concat(round.seed, u32be(i)), dst));
  const u = challengeVector(round.uSeed, from + 1, to + 1);
  let prodU = 1n;
  for (const x of u) prodU = (prodU * x) % q;
  const sum = (ps: P[]) => ps.reduce((x, y) => ops.add(x, y), ops.zero());
  const share = (pt: P) => toTransfer(ops.toPoint(pt));

  // t̂_i = ĉ_{i−1}^{s'_i} · ĉ_i^{−c} · g^{ŝ_i}, halved on ristretto255 (see above).
  const halve = group.name === 'ristretto255';
  const scale = (x: bigint) => (halve ? (x * HALF_MOD_Q) % q : x);
  const negC = wnaf(scale((q - round.c) % q), NAF_WIDTH, ops.bits);
  const tHats: P[] = [];
  let previous = oddMultiples(ops, before, NAF_WIDTH);
  for (let j = 0; j < n; j++) {
    const current = oddMultiples(ops, chain[j], NAF_WIDTH);
    const t = straus(ops, [previous, current], [wnaf(scale(sPrime[j]), NAF_WIDTH, ops.bits), negC]);
    tHats.push(ops.add(t, generator.multiply(scale(sHat[j]))));
    previous = current;
  }
  const tHat = halve ? doubleAndEncodeAll(tHats as never) : ops.encodeAll(tHats);
  const w = inputs.a.length;
  const withU = msmMany(ops, [cs, ...inputs.a, ...inputs.b], u, 128);
  const withS = msmMany(ops, [h, ...outputs.a, ...outputs.b], sPrime, ops.bits);

  return {
    ok: true,
    shares: {
      sumC: share(sum(cs)),
      sumH: share(sum(h)),
      prodU,
      cTilde: share(withU[0]),
      aTilde: withU.slice(1, 1 + w).map(share),
      bTilde: withU.slice(1 + w).map(share),
      t3: share(withS[0]),
      t4a: withS.slice(1, 1 + w).map(share),
      t4b: withS.slice(1 + w).map(share),
      tHat,
    },
  };
}

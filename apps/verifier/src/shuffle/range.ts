/**
 * One range of indices [from, to) of a shuffle verification (docs/crypto.md §9.5), computed in a
 * worker: strict decoding of that part of the lists and the proof, the generators and challenges
 * of the range, the range's share of every product, and the commitments t̂_i of the range.
 * The main thread adds the shares up (verify-shuffle.ts).
 */
import { pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { groupByName, toTransfer, type Group, type GroupName, type Point, type TransferPoint } from '../crypto/group.js';
import { challengeVector, generators } from './challenges.js';

export interface RangeInput {
  group: GroupName;
  width: number;
  /** 0-based positions: ciphertexts and proof items j = from … to−1 (1-based index j+1). */
  from: number;
  to: number;
  seed: Uint8Array;
  uSeed: Uint8Array;
  c: bigint;
  inputs: Uint8Array;
  outputs: Uint8Array;
  commitments: Uint8Array;
  /** ĉ_{from} … ĉ_{to} in 1-based terms preceded by ĉ_{from−1}: the element before the range (h_0 for the first range). */
  chainBefore: Uint8Array;
  chain: Uint8Array;
  sHat: Uint8Array;
  sPrime: Uint8Array;
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

function msm(group: Group, points: Point[], scalars: bigint[]): Point {
  const cls = (group.name === 'ristretto255' ? ristretto255.Point : p256.Point) as never;
  return pippenger(cls, points as never, scalars) as unknown as Point;
}

export function verifyRange(input: RangeInput): RangeResult {
  const group = groupByName(input.group)!;
  const { width: w, from, to } = input;
  const n = to - from;
  const L = group.elementLength;
  const q = group.order;
  const decodeAt = (bytes: Uint8Array, k: number, what: string): Point | string => {
    const p = group.decode(bytes.subarray(k * L, (k + 1) * L));
    return typeof p === 'string' ? `${what}: ${p}` : p;
  };
  const scalarAt = (bytes: Uint8Array, k: number, what: string): bigint | string => {
    const s = group.decodeScalar(bytes.subarray(32 * k, 32 * k + 32));
    return typeof s === 'string' ? `${what}: ${s}` : s;
  };

  const a: Point[][] = Array.from({ length: w }, () => []);
  const b: Point[][] = Array.from({ length: w }, () => []);
  const a2: Point[][] = Array.from({ length: w }, () => []);
  const b2: Point[][] = Array.from({ length: w }, () => []);
  const cs: Point[] = [];
  const chain: Point[] = [];
  const sHat: bigint[] = [];
  const sPrime: bigint[] = [];
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < w; k++) {
      for (const [list, bytes, offset, what] of [
        [a[k], input.inputs, 2 * (j * w + k), 'input'],
        [b[k], input.inputs, 2 * (j * w + k) + 1, 'input'],
        [a2[k], input.outputs, 2 * (j * w + k), 'output'],
        [b2[k], input.outputs, 2 * (j * w + k) + 1, 'output'],
      ] as const) {
        const p = decodeAt(bytes, offset, `${what} ${from + j}`);
        if (typeof p === 'string') return { ok: false, reason: p };
        list.push(p);
      }
    }
    const c = decodeAt(input.commitments, j, `permutation commitment c_${from + j + 1}`);
    if (typeof c === 'string') return { ok: false, reason: c };
    cs.push(c);
    const h = decodeAt(input.chain, j, `commitment chain ĉ_${from + j + 1}`);
    if (typeof h === 'string') return { ok: false, reason: h };
    chain.push(h);
    const sh = scalarAt(input.sHat, j, `ŝ_${from + j + 1}`);
    if (typeof sh === 'string') return { ok: false, reason: sh };
    sHat.push(sh);
    const sp = scalarAt(input.sPrime, j, `s'_${from + j + 1}`);
    if (typeof sp === 'string') return { ok: false, reason: sp };
    sPrime.push(sp);
  }
  const before = group.decode(input.chainBefore);
  if (typeof before === 'string') return { ok: false, reason: `commitment chain ĉ_${from}: ${before}` };

  const h = generators(group, input.seed, from + 1, to + 1);
  const u = challengeVector(input.uSeed, from + 1, to + 1);
  const sum = (ps: Point[]) => ps.reduce((x, y) => x.add(y), group.identity);
  let prodU = 1n;
  for (const x of u) prodU = (prodU * x) % q;

  const negC = (q - input.c) % q;
  const tHat = new Uint8Array(n * L);
  for (let j = 0; j < n; j++) {
    const previous = j === 0 ? before : chain[j - 1];
    const t = group.multiply(chain[j], negC).add(group.multiply(group.generator, sHat[j])).add(group.multiply(previous, sPrime[j]));
    tHat.set(group.encode(t), j * L);
  }
  return {
    ok: true,
    shares: {
      sumC: toTransfer(sum(cs)),
      sumH: toTransfer(sum(h)),
      prodU,
      cTilde: toTransfer(msm(group, cs, u)),
      aTilde: a.map((list) => toTransfer(msm(group, list, u))),
      bTilde: b.map((list) => toTransfer(msm(group, list, u))),
      t3: toTransfer(msm(group, h, sPrime)),
      t4a: a2.map((list) => toTransfer(msm(group, list, sPrime))),
      t4b: b2.map((list) => toTransfer(msm(group, list, sPrime))),
      tHat,
    },
  };
}

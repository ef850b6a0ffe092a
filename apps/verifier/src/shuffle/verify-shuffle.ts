/**
 * CheckProof (docs/crypto.md §9.5) for one shuffle or a chain of mix rounds: the verifier derives
 * the generators and the challenges itself, splits 1..N into ranges computed in the worker pool
 * (range.ts: all the rounds of a chain in one pass, each list decoded once), adds the ranges'
 * shares, and recomputes t_1..t_4 and the challenge c. A round is valid iff its recomputed
 * challenge is its proof's c. A malformed list or proof is invalid with the reason, never an
 * exception.
 */
import { FiatShamir } from '../crypto/fiat-shamir.js';
import { fromTransfer, type Point } from '../crypto/group.js';
import { equalBytes, u32be, utf8 } from '../encoding/bytes.js';
import type { VerifierPool } from '../pool.js';
import { equation } from '../report/equation.js';
import { generators, generatorsSeed } from './challenges.js';
import { proofLayout, type ProofLayout, type ShuffleStatement } from './proof-format.js';
import type { RangeResult, RangeShares } from './range.js';

export type ShuffleVerdict = { ok: true } | { ok: false; reason: string };

export interface ShuffleRound {
  statement: ShuffleStatement;
  inputs: Uint8Array;
  outputs: Uint8Array;
  proof: Uint8Array;
}

interface Prepared {
  round: ShuffleRound;
  layout: ProofLayout;
  pk: Point;
  scalars: bigint[];
  seed: Uint8Array;
  h0: Point;
  fs: FiatShamir;
  uSeed: Uint8Array;
}

const MAX_RANGE = 4096;

/** Header, lengths, scalars, generators' seed and the transcript up to the challenge vector. */
function prepare(r: ShuffleRound): Prepared | string {
  const s = r.statement;
  const { group, width: w } = s;
  const layout = proofLayout(s, r.inputs, r.outputs, r.proof);
  if (typeof layout === 'string') return layout;
  const pk = group.decode(s.publicKey);
  if (typeof pk === 'string') return `public key: ${pk}`;
  const scalars: bigint[] = [];
  for (let k = 0; k < 4 + w; k++) {
    const v = group.decodeScalar(r.proof.subarray(layout.scalars + 32 * k, layout.scalars + 32 * k + 32));
    if (typeof v === 'string') return `proof scalar ${k}: ${v}`;
    scalars.push(v);
  }
  const n = layout.n;
  const seed = generatorsSeed(group, s.election, s.round, n);
  const h0 = generators(group, seed, 0, 1)[0];
  const fs = new FiatShamir('shuffle', s.election, `mix/${s.round}`)
    .field('group', utf8(group.name))
    .field('public_key', s.publicKey)
    .field('width', u32be(w))
    .field('n', u32be(n))
    .field('generators_seed', seed)
    .field('inputs', r.inputs)
    .field('outputs', r.outputs)
    .field('permutation_commitment', r.proof.subarray(layout.commitments, layout.chain));
  return { round: r, layout, pk, scalars, seed, h0, fs, uSeed: fs.challengeBytes('u') };
}

export async function verifyShuffle(s: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array, pool: VerifierPool, onProgress?: (done: number, total: number) => void): Promise<ShuffleVerdict> {
  return (await verifyShuffles([{ statement: s, inputs, outputs, proof }], pool, onProgress))[0];
}

/** Verifies rounds; consecutive rounds where each input is the previous output run as one chain. */
export async function verifyShuffles(rounds: ShuffleRound[], pool: VerifierPool, onProgress?: (done: number, total: number) => void): Promise<ShuffleVerdict[]> {
  const verdicts: ShuffleVerdict[] = new Array(rounds.length);
  const prepared = rounds.map(prepare);
  const chains: number[][] = [];
  prepared.forEach((p, k) => {
    if (typeof p === 'string') {
      verdicts[k] = { ok: false, reason: p };
      return;
    }
    const last = chains[chains.length - 1];
    const q = last ? prepared[last[last.length - 1]] : undefined;
    const chained = last !== undefined && last[last.length - 1] === k - 1 && typeof q !== 'string' && q !== undefined && q.layout.n === p.layout.n && q.round.statement.width === p.round.statement.width && q.round.statement.group === p.round.statement.group && equalBytes(q.round.outputs, p.round.inputs);
    if (chained) last.push(k);
    else chains.push([k]);
  });
  const total = chains.reduce((t, c) => t + c.length * (prepared[c[0]] as Prepared).layout.n, 0);
  let done = 0;
  for (const chain of chains) {
    const ps = chain.map((k) => prepared[k] as Prepared);
    const results = await runChain(ps, pool, (ciphertexts) => onProgress?.((done += ciphertexts), total));
    chain.forEach((k, i) => (verdicts[k] = finish(ps[i], results.map((r) => r[i]))));
  }
  return verdicts;
}

/**
 * Ranges of at most MAX_RANGE indices, their count a multiple of the workers when there is enough
 * work: three ranges on two workers would leave one idle for a third of the time.
 */
function ranges(n: number, workers: number): [number, number][] {
  const rounds = Math.ceil(n / (MAX_RANGE * workers));
  const parts = Math.max(Math.min(rounds * workers, Math.ceil(n / 64)), Math.ceil(n / MAX_RANGE), 1);
  const out: [number, number][] = [];
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * n) / parts);
    const to = Math.floor(((p + 1) * n) / parts);
    if (to > from) out.push([from, to]);
  }
  return out;
}

async function runChain(ps: Prepared[], pool: VerifierPool, progress: (ciphertexts: number) => void): Promise<RangeResult[][]> {
  const first = ps[0];
  const { group, width: w } = first.round.statement;
  const L = group.elementLength;
  const size = 2 * w * L;
  const n = first.layout.n;
  if (n === 0) return [ps.map(() => ({ ok: true, shares: emptyShares(group, w) }))];
  return Promise.all(
    ranges(n, pool.size).map(([from, to]) =>
      pool
        .run('verifyRoundsRange', {
          group: group.name,
          width: w,
          from,
          to,
          inputs: first.round.inputs.slice(from * size, to * size),
          rounds: ps.map((p) => {
            const { proof } = p.round;
            const { layout } = p;
            return {
              seed: p.seed,
              uSeed: p.uSeed,
              c: p.scalars[0],
              outputs: p.round.outputs.slice(from * size, to * size),
              commitments: proof.slice(layout.commitments + from * L, layout.commitments + to * L),
              chainBefore: from === 0 ? group.encode(p.h0) : proof.slice(layout.chain + (from - 1) * L, layout.chain + from * L),
              chain: proof.slice(layout.chain + from * L, layout.chain + to * L),
              sHat: proof.slice(layout.sHat + 32 * from, layout.sHat + 32 * to),
              sPrime: proof.slice(layout.sPrime + 32 * from, layout.sPrime + 32 * to),
            };
          }),
        })
        .then((r) => {
          progress((to - from) * ps.length);
          return r;
        }),
    ),
  );
}

function emptyShares(group: ShuffleStatement['group'], w: number): RangeShares {
  const zero = (): [bigint, bigint] => (group.name === 'ristretto255' ? [0n, 1n] : [0n, 0n]);
  return { sumC: zero(), sumH: zero(), prodU: 1n, cTilde: zero(), aTilde: Array.from({ length: w }, zero), bTilde: Array.from({ length: w }, zero), t3: zero(), t4a: Array.from({ length: w }, zero), t4b: Array.from({ length: w }, zero), tHat: new Uint8Array() };
}

/** Adds the ranges' shares, recomputes t_1..t_4 and the challenge (§9.5 steps 5–6). */
function finish(p: Prepared, results: RangeResult[]): ShuffleVerdict {
  const shares: RangeShares[] = [];
  for (const r of results) {
    if (!r.ok) return { ok: false, reason: r.reason };
    shares.push(r.shares);
  }
  const { group, width: w } = p.round.statement;
  const { proof } = p.round;
  const { layout, h0, pk } = p;
  const n = layout.n;
  const L = group.elementLength;
  const q = group.order;
  const [c, s1, s2, s3, ...s4] = p.scalars;
  const P = (t: Parameters<typeof fromTransfer>[1]) => fromTransfer(group, t);
  const add = (ps: Point[]) => ps.reduce((x, y) => x.add(y), group.identity);
  const pow = (x: Point, e: bigint) => group.multiply(x, ((e % q) + q) % q);
  const negC = (q - c) % q;
  let prodU = 1n;
  for (const sh of shares) prodU = (prodU * sh.prodU) % q;
  const cBar = add(shares.map((sh) => P(sh.sumC))).subtract(add(shares.map((sh) => P(sh.sumH))));
  const lastChain = n === 0 ? h0 : group.decode(proof.subarray(layout.chain + (n - 1) * L, layout.chain + n * L));
  if (typeof lastChain === 'string') return { ok: false, reason: `commitment chain ĉ_${n}: ${lastChain}` };
  const cHat = lastChain.subtract(pow(h0, prodU));
  const cTilde = add(shares.map((sh) => P(sh.cTilde)));
  const t1 = pow(cBar, negC).add(pow(group.generator, s1));
  const t2 = pow(cHat, negC).add(pow(group.generator, s2));
  const t3 = pow(cTilde, negC).add(pow(group.generator, s3)).add(add(shares.map((sh) => P(sh.t3))));
  const t4: Uint8Array[] = [];
  for (let k = 0; k < w; k++) {
    const aTilde = add(shares.map((sh) => P(sh.aTilde[k])));
    const bTilde = add(shares.map((sh) => P(sh.bTilde[k])));
    const t4a = pow(aTilde, negC).add(pow(group.generator, q - s4[k])).add(add(shares.map((sh) => P(sh.t4a[k]))));
    const t4b = pow(bTilde, negC).add(pow(pk, q - s4[k])).add(add(shares.map((sh) => P(sh.t4b[k]))));
    t4.push(group.encode(t4a), group.encode(t4b));
  }
  const fs = p.fs
    .field('commitment_chain', proof.subarray(layout.chain, layout.scalars))
    .field('t1', group.encode(t1))
    .field('t2', group.encode(t2))
    .field('t3', group.encode(t3))
    .field('t4', ...t4)
    .field('t_hat', ...shares.map((sh) => sh.tHat));
  const recomputed = fs.challengeScalar('c', group);
  return equation('shuffle.proof', recomputed === c) ? { ok: true } : { ok: false, reason: 'the recomputed challenge is not the proof\'s c: the proof does not verify' };
}

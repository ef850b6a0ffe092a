/**
 * CheckProof (docs/crypto.md §9.5): the verifier derives the generators and the challenges itself,
 * splits 1..N into ranges computed in the worker pool (verifyRange), adds the ranges' shares, and
 * recomputes t_1..t_4 and the challenge c. Valid iff the recomputed challenge is the proof's c.
 * A malformed list or proof is invalid with the reason, never an exception.
 */
import { FiatShamir } from '../crypto/fiat-shamir.js';
import { fromTransfer, type Point } from '../crypto/group.js';
import { u32be, utf8 } from '../encoding/bytes.js';
import type { VerifierPool } from '../pool.js';
import { equation } from '../report/equation.js';
import { generators, generatorsSeed } from './challenges.js';
import { proofLayout, type ShuffleStatement } from './proof-format.js';
import type { RangeShares } from './range.js';

export type ShuffleVerdict = { ok: true } | { ok: false; reason: string };

const MAX_RANGE = 4096;

export async function verifyShuffle(s: ShuffleStatement, inputs: Uint8Array, outputs: Uint8Array, proof: Uint8Array, pool: VerifierPool, onProgress?: (done: number, total: number) => void): Promise<ShuffleVerdict> {
  const { group, width: w } = s;
  const L = group.elementLength;
  const q = group.order;
  const layout = proofLayout(s, inputs, outputs, proof);
  if (typeof layout === 'string') return { ok: false, reason: layout };
  const n = layout.n;
  const pk = group.decode(s.publicKey);
  if (typeof pk === 'string') return { ok: false, reason: `public key: ${pk}` };
  const scalars: bigint[] = [];
  for (let k = 0; k < 4 + w; k++) {
    const v = group.decodeScalar(proof.subarray(layout.scalars + 32 * k, layout.scalars + 32 * k + 32));
    if (typeof v === 'string') return { ok: false, reason: `proof scalar ${k}: ${v}` };
    scalars.push(v);
  }
  const [c, s1, s2, s3, ...s4] = scalars;

  const seed = generatorsSeed(group, s.election, s.round, n);
  const h0 = generators(group, seed, 0, 1)[0];
  const fs = new FiatShamir('shuffle', s.election, `mix/${s.round}`)
    .field('group', utf8(group.name))
    .field('public_key', s.publicKey)
    .field('width', u32be(w))
    .field('n', u32be(n))
    .field('generators_seed', seed)
    .field('inputs', inputs)
    .field('outputs', outputs)
    .field('permutation_commitment', proof.subarray(layout.commitments, layout.chain));
  const uSeed = fs.challengeBytes('u');

  // Ranges of at most MAX_RANGE, at least one per worker when there is enough work.
  const parts = Math.max(Math.ceil(n / MAX_RANGE), Math.min(pool.size, Math.ceil(n / 64)));
  const bounds: [number, number][] = [];
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * n) / parts);
    const to = Math.floor(((p + 1) * n) / parts);
    if (to > from) bounds.push([from, to]);
  }
  const size = 2 * w * L;
  let done = 0;
  const results = await Promise.all(
    bounds.map(([from, to]) =>
      pool
        .run('verifyShuffleRange', {
          group: group.name, width: w, from, to, seed, uSeed, c,
          inputs: inputs.slice(from * size, to * size),
          outputs: outputs.slice(from * size, to * size),
          commitments: proof.slice(layout.commitments + from * L, layout.commitments + to * L),
          chainBefore: from === 0 ? group.encode(h0) : proof.slice(layout.chain + (from - 1) * L, layout.chain + from * L),
          chain: proof.slice(layout.chain + from * L, layout.chain + to * L),
          sHat: proof.slice(layout.sHat + 32 * from, layout.sHat + 32 * to),
          sPrime: proof.slice(layout.sPrime + 32 * from, layout.sPrime + 32 * to),
        })
        .then((r) => {
          done += to - from;
          onProgress?.(done, n);
          return r;
        }),
    ),
  );
  const shares: RangeShares[] = [];
  for (const r of results) {
    if (!r.ok) return { ok: false, reason: r.reason };
    shares.push(r.shares);
  }

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
  fs.field('commitment_chain', proof.subarray(layout.chain, layout.scalars))
    .field('t1', group.encode(t1))
    .field('t2', group.encode(t2))
    .field('t3', group.encode(t3))
    .field('t4', ...t4)
    .field('t_hat', ...shares.map((sh) => sh.tHat));
  const recomputed = fs.challengeScalar('c', group);
  return equation('shuffle.proof', recomputed === c) ? { ok: true } : { ok: false, reason: 'the recomputed challenge is not the proof\'s c: the proof does not verify' };
}

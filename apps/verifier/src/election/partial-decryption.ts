/**
 * Decryption of the last mix output (docs/crypto.md §8.7–8.8, docs/transcript.md §10.9), for a range
 * of ciphertexts in a worker: every used trustee's factors decode and its DLEQ proof verifies
 * (T'_0 = g^s·vk^{−c}, T'_k = a_k^s·d_k^{−c}); the factors of the t smallest used trustees combine
 * by Lagrange interpolation at 0, m_k = b_k·Π d_jk^{−λ_j}; the plaintext is extracted (null when
 * the elements are not an embedding). Fixed-base tables serve g and each vk_j.
 */
import { groupByName, type GroupName } from '../crypto/group.js';
import { extractPlaintext } from '../crypto/embedding.js';
import { combination, NAF_WIDTH } from '../crypto/fast/combination.js';
import { kernelFor } from '../crypto/fast/kernels.js';
import { oddMultiples, straus } from '../crypto/fast/msm.js';
import { wnaf } from '../crypto/fast/scalar-digits.js';
import { decodeScalars, dleqChallenge } from '../crypto/sigma.js';
import { parseHex, toHex } from '../encoding/hex.js';
import { equation } from '../report/equation.js';

export interface DecryptionRangeInput {
  group: GroupName;
  election: string;
  width: number;
  from: number;
  ciphertexts: Uint8Array;
  /** Used trustees, ascending, with their verification keys (hex) and their factors and proofs for the range. */
  trustees: { index: number; verificationKey: string; factors: Uint8Array; proofs: Uint8Array }[];
  threshold: number;
}

export interface DecryptionRangeResult {
  plaintexts: (string | null)[];
  failures: { trustee: number; index: number; reason: string }[];
}

/** λ_j = Π_{m∈S, m≠j} m / (m − j) mod q. */
export function lagrangeAtZero(q: bigint, set: number[]): bigint[] {
  const inv = (x: bigint) => {
    let [a, b, u, v] = [((x % q) + q) % q, q, 1n, 0n];
    while (b !== 0n) {
      const t = a / b;
      [a, b, u, v] = [b, a - t * b, v, u - t * v];
    }
    return ((u % q) + q) % q;
  };
  return set.map((j) => set.reduce((acc, m) => (m === j ? acc : (((acc * BigInt(m)) % q) * inv(BigInt(m - j))) % q), 1n));
}

export function decryptRange(input: DecryptionRangeInput): DecryptionRangeResult {
  const group = groupByName(input.group)!;
  const kernel = kernelFor(group);
  const { ops, generator } = kernel;
  const { width: w } = input;
  const L = group.elementLength;
  const q = group.order;
  const count = input.ciphertexts.length / (2 * w * L);
  const combining = input.trustees.slice(0, input.threshold);
  const minusLambda = lagrangeAtZero(q, combining.map((t) => t.index)).map((l) => wnaf((q - l) % q, NAF_WIDTH, ops.bits));
  const vkBytes = input.trustees.map((t) => parseHex(t.verificationKey)!);
  const vkTables = vkBytes.map((b) => kernel.fixed(group.decode(b) as never));
  const gBytes = group.encode(group.generator);
  const failures: DecryptionRangeResult['failures'] = [];
  const plaintexts: (string | null)[] = [];
  const proofs: { trustee: number; index: number; c: bigint; bases: Uint8Array[]; publics: Uint8Array[]; first: number }[] = [];
  const commitments: unknown[] = [];

  for (let i = 0; i < count; i++) {
    const index = input.from + i;
    const at = (k: number, part: 0 | 1) => (2 * (i * w + k) + part) * L;
    const a: unknown[] = [];
    const b: unknown[] = [];
    for (let k = 0; k < w; k++) {
      a.push(ops.decode(input.ciphertexts, at(k, 0)));
      b.push(ops.decode(input.ciphertexts, at(k, 1)));
    }
    const aBytes = Array.from({ length: w }, (_, k) => input.ciphertexts.subarray(at(k, 0), at(k, 0) + L));
    const factors: (unknown[] | null)[] = input.trustees.map((t, n) => {
      const d: unknown[] = [];
      for (let k = 0; k < w; k++) {
        const pt = ops.decode(t.factors, (i * w + k) * L);
        if (typeof pt === 'string') {
          failures.push({ trustee: t.index, index, reason: `factor ${k}: ${pt}` });
          return null;
        }
        d.push(pt);
      }
      const scalars = decodeScalars(group, t.proofs.subarray(64 * i, 64 * i + 64), 2);
      if (typeof scalars === 'string') {
        failures.push({ trustee: t.index, index, reason: scalars });
        return d;
      }
      const [c, s] = scalars;
      const half = { s: kernel.scale(s), negC: kernel.scale((q - c) % q) };
      const dBytes = Array.from({ length: w }, (_, k) => t.factors.subarray((i * w + k) * L, (i * w + k + 1) * L));
      proofs.push({ trustee: t.index, index, c, bases: [gBytes, ...aBytes], publics: [vkBytes[n], ...dBytes], first: commitments.length });
      commitments.push(combination(kernel, [[generator, half.s], [vkTables[n], half.negC]], []));
      for (let k = 0; k < w; k++) commitments.push(combination(kernel, [], [[a[k], half.s], [d[k], half.negC]]));
      return d;
    });
    if (a.some((x) => typeof x === 'string') || b.some((x) => typeof x === 'string') || combining.some((_, n) => factors[n] === null)) {
      plaintexts.push(null);
      continue;
    }
    const elements: unknown[] = [];
    for (let k = 0; k < w; k++) {
      const tables = combining.map((_, n) => oddMultiples(ops, factors[n]![k], NAF_WIDTH));
      elements.push(ops.add(b[k], straus(ops, tables, minusLambda)));
    }
    const encoded = ops.encodeAll(elements);
    const plaintext = extractPlaintext(group, Array.from({ length: w }, (_, k) => encoded.subarray(k * L, (k + 1) * L)));
    plaintexts.push(plaintext === null ? null : toHex(plaintext));
  }

  const encoded = kernel.encodeScaled(commitments);
  for (const p of proofs) {
    const t = Array.from({ length: w + 1 }, (_, k) => encoded.subarray((p.first + k) * L, (p.first + k + 1) * L));
    const challenge = dleqChallenge(group, { election: input.election, step: `decrypt/trustee-${p.trustee}` }, p.bases, p.publics, t);
    if (!equation('decryption.partial-proof', challenge === p.c)) failures.push({ trustee: p.trustee, index: p.index, reason: 'the DLEQ proof does not verify' });
  }
  return { plaintexts, failures };
}

/**
 * Decryption of the last mix output (docs/crypto.md §8.7–8.8, docs/transcript.md §10.9), for a range
 * of ciphertexts in a worker: every used trustee's factors decode and its DLEQ proof verifies; the
 * factors of the t smallest used trustees combine by Lagrange interpolation at 0; the plaintext is
 * extracted (null when the elements are not an embedding).
 */
import { groupByName, type Group, type GroupName, type Point } from '../crypto/group.js';
import { extractPlaintext } from '../crypto/embedding.js';
import { verifyDleq } from '../crypto/sigma.js';
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
  return set.map((j) => set.reduce((acc, m) => (m === j ? acc : (acc * BigInt(m) % q) * inv(BigInt(m - j)) % q), 1n));
}

export function decryptRange(input: DecryptionRangeInput): DecryptionRangeResult {
  const group: Group = groupByName(input.group)!;
  const { width: w } = input;
  const L = group.elementLength;
  const q = group.order;
  const count = input.ciphertexts.length / (2 * w * L);
  const combining = input.trustees.slice(0, input.threshold);
  const lambdas = lagrangeAtZero(q, combining.map((t) => t.index));
  const keys = input.trustees.map((t) => group.decode(parseHex(t.verificationKey)!) as Point);
  const failures: DecryptionRangeResult['failures'] = [];
  const plaintexts: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const index = input.from + i;
    const a: Point[] = [];
    const b: Point[] = [];
    for (let k = 0; k < w; k++) {
      a.push(group.decode(input.ciphertexts.subarray((2 * (i * w + k)) * L, (2 * (i * w + k) + 1) * L)) as Point);
      b.push(group.decode(input.ciphertexts.subarray((2 * (i * w + k) + 1) * L, (2 * (i * w + k) + 2) * L)) as Point);
    }
    const factors: Point[][] = [];
    input.trustees.forEach((t, n) => {
      const d: Point[] = [];
      for (let k = 0; k < w; k++) {
        const p = group.decode(t.factors.subarray((i * w + k) * L, (i * w + k + 1) * L));
        if (typeof p === 'string') {
          failures.push({ trustee: t.index, index, reason: `factor ${k}: ${p}` });
          d.length = 0;
          break;
        }
        d.push(p);
      }
      factors.push(d);
      if (d.length < w) return;
      const context = { election: input.election, step: `decrypt/trustee-${t.index}` };
      const v = verifyDleq(group, context, [group.generator, ...a], [keys[n], ...d], t.proofs.subarray(64 * i, 64 * i + 64));
      if (!equation('decryption.partial-proof', v.ok)) failures.push({ trustee: t.index, index, reason: 'the DLEQ proof does not verify' });
    });
    if (combining.some((_, n) => factors[n].length < w)) {
      plaintexts.push(null);
      continue;
    }
    const elements: Uint8Array[] = [];
    for (let k = 0; k < w; k++) {
      let product = group.identity;
      combining.forEach((_, n) => (product = product.add(group.multiply(factors[n][k], lambdas[n]))));
      elements.push(group.encode(b[k].subtract(product)));
    }
    const plaintext = extractPlaintext(group, elements);
    plaintexts.push(plaintext === null ? null : toHex(plaintext));
  }
  return { plaintexts, failures };
}

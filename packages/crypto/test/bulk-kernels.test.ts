/**
 * The bulk kernels behind the group interface (ed25519/*, fixed-base-comb, msm, secret-msm)
 * against @noble/curves' own, simple paths: encodings, decodings and hash to group on
 * ristretto255, batched encodings, fixed-base, variable-base and multi-scalar multiplication on
 * both groups, with the edge scalars of every recoding (0, 1, q − 1, all-ones of every length).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { DecodeError, deterministicRandom, toHex, utf8, type Group } from '@ostraka/crypto';
import { GROUPS, RUNS } from './arbitraries.js';

type NoblePoint = { multiplyUnsafe(k: bigint): NoblePoint; add(p: NoblePoint): NoblePoint; equals(p: NoblePoint): boolean };
const reference = (G: Group<unknown>) => (G.name === 'ristretto255' ? ristretto255.Point : p256.Point) as unknown as { BASE: NoblePoint; ZERO: NoblePoint };
/** k·P by the library's double-and-add, independent of the kernels. */
const naive = (p: unknown, k: bigint) => (k === 0n ? null : (p as NoblePoint).multiplyUnsafe(k));
const naiveSum = (G: Group<unknown>, points: unknown[], ks: bigint[]) =>
  points.reduce<NoblePoint>((acc, p, i) => {
    const term = naive(p, ks[i] % G.order);
    return term === null ? acc : acc.add(term);
  }, reference(G).ZERO);

const rng = deterministicRandom('bulk-kernels');
const randomPoint = (G: Group<unknown>) => reference(G).BASE.multiplyUnsafe(G.scalars.randomNonZero(rng));
const allOnes = (bits: number) => (1n << BigInt(bits)) - 1n;
const edgeScalars = (G: Group<unknown>, bits: number) => {
  const top = allOnes(bits);
  const q = G.order;
  const list = [0n, 1n, 2n, top, 1n << BigInt(bits - 1), top / 3n, (top / 3n) * 2n, top >> 1n];
  if (bits >= G.scalars.bits) list.push(q - 1n, q - 2n, (q - 1n) / 2n);
  return list.filter((k) => k < q && k <= top);
};

describe('ristretto255 codec kernels', () => {
  const G = GROUPS.find(([name]) => name === 'ristretto255')![1];

  it('decode and encode agree with @noble/curves on random elements and sums', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: G.order - 1n }), fc.bigInt({ min: 1n, max: G.order - 1n }), (a, b) => {
        const p = ristretto255.Point.BASE.multiplyUnsafe(a).add(ristretto255.Point.BASE.multiplyUnsafe(b));
        const bytes = p.toBytes();
        expect(toHex(G.encode(p))).toBe(toHex(bytes));
        expect(G.equals(G.decode(bytes), p)).toBe(true);
      }),
      RUNS,
    );
  });

  it('accepts exactly the byte strings @noble/curves accepts, with the reason of each refusal', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        let expected: unknown = null;
        try {
          expected = ristretto255.Point.fromBytes(bytes);
        } catch {
          expected = null;
        }
        const isZero = bytes.every((b) => b === 0);
        if (expected !== null && !isZero) {
          expect(G.equals(G.decode(bytes), expected)).toBe(true);
        } else {
          expect(() => G.decode(bytes)).toThrow(DecodeError);
        }
      }),
      { numRuns: 300 },
    );
    const codeOf = (bytes: Uint8Array) => {
      try {
        G.decode(bytes);
      } catch (e) {
        return (e as DecodeError).code;
      }
    };
    expect(codeOf(new Uint8Array(32))).toBe('IDENTITY');
    expect(codeOf(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 0x7f : i === 0 ? 0xee : 0xff)))).toBe('NON_CANONICAL');
    const negative = ristretto255.Point.BASE.toBytes();
    negative[0] |= 1;
    expect(codeOf(negative)).toBe('NON_CANONICAL');
  });

  it('hashes to the group as @noble/curves does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.string({ minLength: 1, maxLength: 20 }), (msg, dst) => {
        expect(toHex(G.encode(G.hashToElement(msg, utf8(dst))))).toBe(toHex(ristretto255_hasher.hashToCurve(msg, { DST: utf8(dst) }).toBytes()));
      }),
      RUNS,
    );
  });
});

describe.each(GROUPS)('bulk kernels, %s', (_name, G) => {
  const bits = G.scalars.bits;

  it('encodes lists and doubled lists as one by one (the identity as zeros)', () => {
    const list = [...Array.from({ length: 9 }, () => randomPoint(G)), G.identity, randomPoint(G)];
    const one = list.map((p) => toHex(G.encode(p))).join('');
    expect(toHex(G.encodeMany(list))).toBe(one);
    const doubled = list.map((p) => toHex(G.encode(G.add(p, p)))).join('');
    expect(toHex(G.encodeManyDoubled(list))).toBe(doubled);
    expect(G.encodeManyDoubled([]).length).toBe(0);
  });

  it('fixed-base multiplication (both paths) equals double-and-add, at every edge scalar', () => {
    const base = randomPoint(G);
    const fixed = G.fixedBase(base);
    const scalars = [...edgeScalars(G, bits), ...Array.from({ length: 6 }, () => G.scalars.random(rng))];
    for (const k of scalars) {
      const expected = naive(base, k);
      for (const got of [fixed.multiply(k), fixed.multiplyPublic(k), G.multiply(base, k), G.multiplyPublic(base, k)]) {
        if (expected === null) expect(G.isIdentity(got)).toBe(true);
        else expect(G.equals(got, expected)).toBe(true);
      }
    }
    expect(() => fixed.multiply(G.order)).toThrow(RangeError);
    expect(() => fixed.multiplyPublic(-1n)).toThrow(RangeError);
  });

  it('multi-scalar multiplication, public and secret, equals the sum of products', () => {
    // Sizes on both sides of the Straus/Pippenger threshold and across Pippenger's windows;
    // scalar lengths from 1 bit to the order's, with all-ones and alternating patterns.
    for (const n of [0, 1, 2, 8, 9, 13, 40, 300]) {
      for (const length of [1, 64, 128, bits]) {
        const points = Array.from({ length: n }, () => randomPoint(G));
        const edges = edgeScalars(G, length);
        const ks = points.map((_, i) => (i < edges.length ? edges[i] : BigInt('0x' + toHex(rng(32))) & allOnes(length)) % G.order);
        const expected = naiveSum(G, points, ks);
        expect(G.equals(G.msmPublic(points, ks, length), expected), `public n=${n} bits=${length}`).toBe(true);
        if (length === bits) expect(G.equals(G.msm(points, ks), expected), `secret n=${n}`).toBe(true);
      }
    }
  });

  it('refuses scalars longer than announced and lists of different lengths', () => {
    const points = Array.from({ length: 20 }, () => randomPoint(G));
    const ks = points.map(() => 1n << 128n);
    expect(() => G.msmPublic(points, ks, 128)).toThrow(RangeError);
    expect(() => G.msm(points, ks.slice(1))).toThrow(RangeError);
    expect(() => G.msm([points[0]], [G.order])).toThrow(RangeError);
  });
});

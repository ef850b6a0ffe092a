/**
 * The verifier's fast arithmetic against @noble/curves' reference operations, with random points
 * and scalars (fast-check): bucket MSM, Straus, fixed-base tables, the batch double-and-encode,
 * the fast ristretto255 decoding (same verdicts on any 32 bytes), and the recodings. Every
 * extended point a kernel returns must be consistent (T·Z = X·Y), not only its x and y.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import {
  combination, decodeRistretto, doubleAndEncodeAll, hashToRistretto, FixedBase, groupByName, kernelFor, msm, oddMultiples, p256Ops, ristrettoOps, signedDigits, straus, toHex, wnaf, type Ed,
} from './support/internal.js';

const P_25519 = 2n ** 255n - 19n;
const consistent = (e: Ed) => (((e.T * e.Z - e.X * e.Y) % P_25519) + P_25519) % P_25519 === 0n;

// The two point classes behind one loose type: the test compares them only with themselves.
type AnyPoint = { add(o: AnyPoint): AnyPoint; multiply(s: bigint): AnyPoint; equals(o: AnyPoint): boolean; is0(): boolean; toBytes(): Uint8Array };
type AnyPointClass = { BASE: AnyPoint; ZERO: AnyPoint; Fn: { ORDER: bigint } };
const groups: { name: 'ristretto255' | 'p256'; Point: AnyPointClass; ops: unknown }[] = [
  { name: 'ristretto255', Point: ristretto255.Point as unknown as AnyPointClass, ops: ristrettoOps },
  { name: 'p256', Point: p256.Point as unknown as AnyPointClass, ops: p256Ops },
];

const hex = (b: Uint8Array) => toHex(b);

describe('recodings', () => {
  it('width-w NAF and signed radix digits give back the scalar', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 253n - 1n }), fc.integer({ min: 2, max: 8 }), (k, w) => {
        const naf = wnaf(k, w, 253);
        let v = 0n;
        for (let i = naf.length - 1; i >= 0; i--) v = 2n * v + BigInt(naf[i]);
        expect(v).toBe(k);
        for (let i = 0; i < naf.length; i++) if (naf[i] !== 0) expect(Math.abs(naf[i]) % 2).toBe(1);
        const digits = signedDigits(k, w, 253);
        let u = 0n;
        for (let i = digits.length - 1; i >= 0; i--) u = u * (1n << BigInt(w)) + BigInt(digits[i]);
        expect(u).toBe(k);
      }),
      { numRuns: 300 },
    );
  });
});

for (const { name, Point, ops } of groups) {
  const q = Point.Fn.ORDER;
  const scalar = fc.bigInt({ min: 0n, max: q - 1n });
  const point = fc.bigInt({ min: 1n, max: q - 1n }).map((k) => Point.BASE.multiply(k));
  const mul = (pt: AnyPoint, s: bigint): AnyPoint => (s === 0n ? Point.ZERO : pt.multiply(s));
  const K = ops as typeof ristrettoOps;
  const check = (got: unknown, expected: AnyPoint) => {
    expect((K.toPoint(got as never) as unknown as AnyPoint).equals(expected)).toBe(true);
    if (name === 'ristretto255') expect(consistent(got as Ed)).toBe(true);
  };

  describe(`${name} kernels`, () => {
    it('MSM (bucket and Straus paths) equals the sum of products, duplicates and zero scalars included', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(point, scalar), { minLength: 0, maxLength: 40 }), fc.boolean(), (terms, short) => {
          const bits = short ? 128 : K.bits;
          const pts = terms.map(([pt]) => pt);
          const scs = terms.map(([, s]) => (short ? s % 2n ** 128n : s));
          if (pts.length > 3) [pts[1], scs[2]] = [pts[0], 0n];
          const expected = pts.reduce((acc, pt, i) => acc.add(mul(pt, scs[i])), Point.ZERO);
          check(msm(K, pts.map((x) => K.fromPoint(x as never)), scs, bits), expected);
        }),
        { numRuns: name === 'p256' ? 15 : 40 },
      );
    });

    it('Straus of two points and fixed-base tables', () => {
      const table = new FixedBase(K, K.fromPoint(Point.BASE as never));
      fc.assert(
        fc.property(point, point, scalar, scalar, (a, b, s, t) => {
          check(straus(K, [oddMultiples(K, K.fromPoint(a as never), 5), oddMultiples(K, K.fromPoint(b as never), 5)], [wnaf(s, 5, K.bits), wnaf(t, 5, K.bits)]), mul(a, s).add(mul(b, t)));
          check(table.multiply(s), mul(Point.BASE, s));
        }),
        { numRuns: name === 'p256' ? 10 : 40 },
      );
      for (const s of [0n, 1n, 2n, q - 1n, 2n ** 128n, 2n * q - 2n ** 252n]) check(table.multiply(s % q), mul(Point.BASE, s % q));
    });

    it('combinations of fixed and variable terms, encoded halved and doubled', () => {
      const kernel = kernelFor(groupByName(name)!);
      fc.assert(
        fc.property(point, point, scalar, scalar, (a, vk, s, c) => {
          const got = [
            combination(kernel, [[kernel.generator, kernel.scale(s)], [kernel.fixed(vk as never), kernel.scale(c)]], []),
            combination(kernel, [], [[kernel.ops.fromPoint(a as never), kernel.scale(s)], [kernel.ops.fromPoint(vk as never), kernel.scale(c)]]),
          ];
          const expected = [mul(Point.BASE, s).add(mul(vk, c)), mul(a, s).add(mul(vk, c))].map((x) => (x.is0() ? new Uint8Array(name === 'p256' ? 33 : 32) : x.toBytes()));
          expect(hex(kernel.encodeScaled(got))).toBe(hex(new Uint8Array([...expected[0], ...expected[1]])));
        }),
        { numRuns: name === 'p256' ? 10 : 30 },
      );
    });
  });
}

describe('ristretto255 encodings', () => {
  it('double-and-encode of a batch equals encode(2P), the identity included', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: ristretto255.Point.Fn.ORDER - 1n }), { minLength: 1, maxLength: 20 }), (ks) => {
        const pts = ks.map((k) => (k === 0n ? ristretto255.Point.ZERO : ristretto255.Point.BASE.multiply(k)));
        const viaArithmetic = pts.map((pt) => ristrettoOps.add(ristrettoOps.fromPoint(pt as never), ristrettoOps.zero()));
        const expected = pts.map((pt) => pt.double().toBytes());
        expect(hex(doubleAndEncodeAll(viaArithmetic))).toBe(hex(new Uint8Array(expected.flatMap((e) => [...e]))));
      }),
      { numRuns: 50 },
    );
  });

  it('hash to group equals hash_to_ristretto255 (RFC 9380 App. B) as @noble/curves computes it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ minLength: 1, maxLength: 60 }), (message, dst) => {
        const expected = ristretto255_hasher.hashToCurve(message, { DST: dst });
        const got = ristrettoOps.toPoint(hashToRistretto(message, dst)) as unknown as typeof expected;
        expect(got.equals(expected)).toBe(true);
        expect(consistent(hashToRistretto(message, dst))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('the fast decoding gives the same verdict and point as the reference on any 32 bytes', () => {
    const reference = groupByName('ristretto255')!;
    const compare = (bytes: Uint8Array) => {
      const a = reference.decode(bytes);
      const b = decodeRistretto(bytes);
      expect(typeof b === 'string', hex(bytes)).toBe(typeof a === 'string');
      if (typeof a !== 'string') expect((ristrettoOps.toPoint(b as Ed) as unknown as typeof a).equals(a)).toBe(true);
    };
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => compare(bytes)), { numRuns: 400 });
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 2n ** 250n }), (k) => compare(ristretto255.Point.BASE.multiply(k).toBytes())), { numRuns: 100 });
    compare(new Uint8Array(32));
    expect(decodeRistretto(new Uint8Array(31))).toMatch(/fewer/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, toHex } from '@ostraka/crypto';
import { element, GROUPS, nonZeroScalar, RUNS, scalar } from './arbitraries.js';

describe.each(GROUPS)('group %s', (_name, G) => {
  const S = G.scalars;

  it('satisfies the group laws', () => {
    fc.assert(
      fc.property(element(G), element(G), element(G), (a, b, c) => {
        expect(G.equals(G.add(G.add(a, b), c), G.add(a, G.add(b, c)))).toBe(true);
        expect(G.equals(G.add(a, b), G.add(b, a))).toBe(true);
        expect(G.equals(G.add(a, G.identity), a)).toBe(true);
        expect(G.isIdentity(G.add(a, G.negate(a)))).toBe(true);
        expect(G.equals(G.subtract(G.add(a, b), b), a)).toBe(true);
      }),
      RUNS,
    );
  });

  it('multiplies consistently on every path (constant-time, public, fixed-base, msm)', () => {
    const h = G.multiply(G.generator, 987654321n);
    const fixed = G.fixedBase(h);
    fc.assert(
      fc.property(scalar(G), scalar(G), (k, l) => {
        const expected = G.multiplyPublic(h, k);
        expect(G.equals(G.multiply(h, k), expected)).toBe(true);
        expect(G.equals(fixed.multiply(k), expected)).toBe(true);
        expect(G.equals(fixed.multiplyPublic(k), expected)).toBe(true);
        // (k + l)·h = k·h + l·h and k·(l·h) = (kl)·h
        expect(G.equals(G.multiply(h, S.add(k, l)), G.add(expected, G.multiply(h, l)))).toBe(true);
        expect(G.equals(G.multiply(G.multiply(h, l), k), G.multiply(h, S.multiply(k, l)))).toBe(true);
      }),
      RUNS,
    );
    expect(G.isIdentity(G.multiply(h, 0n))).toBe(true);
    expect(G.isIdentity(fixed.multiply(0n))).toBe(true);
    expect(G.isIdentity(G.add(G.multiply(h, G.order - 1n), h))).toBe(true);
  });

  it('computes multi-scalar multiplications as the sum of products', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(element(G), scalar(G)), { maxLength: 12 }), (pairs) => {
        const naive = pairs.reduce((acc, [p, k]) => G.add(acc, G.multiplyPublic(p, k)), G.identity);
        const msm = G.msmPublic(
          pairs.map(([p]) => p),
          pairs.map(([, k]) => k),
        );
        expect(G.equals(msm, naive)).toBe(true);
      }),
      { numRuns: 10 },
    );
    expect(() => G.msmPublic([G.generator], [])).toThrow(RangeError);
  });

  it('round-trips encodings, singly and packed', () => {
    fc.assert(
      fc.property(fc.array(element(G), { maxLength: 6 }), (list) => {
        const packed = G.encodeMany(list);
        expect(packed.length).toBe(list.length * G.elementLength);
        const decoded = G.decodeMany(packed, list.length);
        decoded.forEach((d, i) => expect(G.equals(d, list[i])).toBe(true));
        for (const e of list) expect(toHex(G.encode(G.decode(G.encode(e))))).toBe(toHex(G.encode(e)));
      }),
      RUNS,
    );
  });

  it('decodes strictly: any byte string either re-encodes to itself or is a DecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: G.elementLength, maxLength: G.elementLength }), (bytes) => {
        let decoded: unknown;
        try {
          decoded = G.decode(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(DecodeError);
          return;
        }
        expect(toHex(G.encode(decoded))).toBe(toHex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects wrong lengths, the identity and truncated lists with typed codes', () => {
    const good = G.encode(G.generator);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
        return (e as DecodeError).code;
      }
      return 'accepted';
    };
    expect(code(() => G.decode(good.subarray(1)))).toBe('WRONG_LENGTH');
    expect(code(() => G.decode(new Uint8Array([...good, 0])))).toBe('WRONG_LENGTH');
    expect(code(() => G.decode(new Uint8Array(G.elementLength)))).toBe('IDENTITY');
    expect(code(() => G.decode('00' as unknown as Uint8Array))).toBe('WRONG_TYPE');
    expect(code(() => G.decodeMany(good, 2))).toBe('WRONG_LENGTH');
    const err = (() => {
      try {
        G.decodeMany(new Uint8Array([...good, ...new Uint8Array(G.elementLength)]), 2, 'inputs');
      } catch (e) {
        return e as DecodeError;
      }
    })();
    expect(err?.field).toBe('inputs[1]');
  });

  it('encodes and decodes scalars strictly', () => {
    fc.assert(
      fc.property(scalar(G), (k) => {
        expect(S.decode(S.encode(k))).toBe(k);
      }),
      RUNS,
    );
    const order = S.encode(0n);
    // The order itself and every value above it are out of range.
    const encodeRaw = (v: bigint) => {
      const hex = v.toString(16).padStart(64, '0');
      const be = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
      return G.name === 'ristretto255' ? be.reverse() : be;
    };
    expect(order.length).toBe(32);
    for (const v of [G.order, G.order + 1n, 2n ** 256n - 1n])
      expect(() => S.decode(encodeRaw(v))).toThrow(expect.objectContaining({ code: 'SCALAR_OUT_OF_RANGE' }));
    expect(S.decode(encodeRaw(G.order - 1n))).toBe(G.order - 1n);
    expect(() => S.decode(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'WRONG_LENGTH' }));
  });

  it('does scalar arithmetic modulo the order', () => {
    fc.assert(
      fc.property(nonZeroScalar(G), scalar(G), (a, b) => {
        expect(S.multiply(a, S.invert(a))).toBe(1n);
        expect(S.add(S.subtract(b, a), a)).toBe(b);
        expect(S.add(a, S.negate(a))).toBe(0n);
      }),
      RUNS,
    );
    expect(() => S.invert(0n)).toThrow(RangeError);
  });

  it('draws random scalars in range from the injected source, without reduction', () => {
    // A source that first returns all-ones bytes (above q once masked, for ristretto255's 253 bits:
    // rejected) and then a small value: the sampler must retry, not reduce.
    let call = 0;
    const rng = (n: number) => (call++ === 0 ? new Uint8Array(n).fill(0xff) : new Uint8Array(n).fill(0).fill(1, n - 1));
    expect(S.random(rng)).toBe(1n);
    expect(call).toBe(2);
    for (let i = 0; i < 50; i++) {
      const k = S.random();
      expect(k >= 0n && k < G.order).toBe(true);
    }
  });

  it('hashes to the group deterministically and with domain separation', () => {
    const dst = new TextEncoder().encode('ostraka-test');
    const m = new TextEncoder().encode('message');
    const h1 = G.hashToElement(m, dst);
    expect(G.equals(h1, G.hashToElement(m, dst))).toBe(true);
    expect(G.equals(h1, G.hashToElement(m, new TextEncoder().encode('ostraka-test2')))).toBe(false);
    expect(G.equals(h1, G.hashToElement(new TextEncoder().encode('messagf'), dst))).toBe(false);
    expect(G.isIdentity(h1)).toBe(false);
  });
});

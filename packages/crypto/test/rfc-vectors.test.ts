/**
 * Known-answer tests against the published vectors in ../shared/vectors: RFC 9496 (ristretto255
 * encodings, invalid encodings, element derivation), RFC 9380 (expand_message_xmd and the P-256
 * hash-to-curve suite). Together they pin both hash-to-group constructions of the core.
 */
import { readFileSync } from 'node:fs';
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  fromHex,
  p256Group,
  ristretto255FromUniformBytes,
  ristretto255Group,
  toHex,
  utf8,
} from '@ostraka/crypto';

const vectors = (name: string) => JSON.parse(readFileSync(new URL(`../../../../shared/vectors/${name}`, import.meta.url), 'utf8'));

describe('RFC 9496 ristretto255', () => {
  const v = vectors('ristretto255-rfc9496.json');
  const G = ristretto255Group;

  it('encodes the multiples 0..15 of the generator', () => {
    let acc = G.identity;
    v.multiples_of_generator.forEach((hex: string, i: number) => {
      expect(toHex(G.encode(acc)), `multiple ${i}`).toBe(hex);
      if (i > 0) expect(G.equals(G.decode(fromHex(hex)), acc)).toBe(true);
      acc = G.add(acc, G.generator);
    });
  });

  it('rejects every invalid encoding with a DecodeError', () => {
    expect(v.invalid_encodings.length).toBe(29);
    for (const hex of v.invalid_encodings) {
      expect(() => G.decode(fromHex(hex)), hex).toThrow(DecodeError);
    }
  });

  it('derives elements from uniform bytes (the one-way map)', () => {
    for (const { input, output } of v.from_uniform_bytes)
      expect(toHex(G.encode(ristretto255FromUniformBytes(fromHex(input))))).toBe(output);
    for (const input of v.from_uniform_bytes_same_output.inputs)
      expect(toHex(G.encode(ristretto255FromUniformBytes(fromHex(input))))).toBe(v.from_uniform_bytes_same_output.output);
  });

  it('hashes to the group as expand_message_xmd(SHA-512, 64 bytes) followed by the map', () => {
    const dst = utf8('ostraka-kat');
    for (const msg of ['', 'abc', 'a'.repeat(300)]) {
      const expected = ristretto255FromUniformBytes(expand_message_xmd(utf8(msg), dst, 64, sha512));
      expect(G.equals(G.hashToElement(utf8(msg), dst), expected)).toBe(true);
    }
  });
});

describe('RFC 9380 expand_message_xmd', () => {
  for (const [file, hash] of [
    ['expand-message-xmd-sha256.json', sha256],
    ['expand-message-xmd-sha512.json', sha512],
  ] as const) {
    it(file, () => {
      const v = vectors(file);
      for (const t of v.tests)
        expect(toHex(expand_message_xmd(utf8(t.msg), v.DST, parseInt(t.len_in_bytes, 16), hash))).toBe(t.uniform_bytes);
    });
  }
});

describe('RFC 9380 P256_XMD:SHA-256_SSWU_RO_', () => {
  const v = vectors('p256-xmd-sha256-sswu-ro.json');
  it('hashes every message to the published point', () => {
    expect(v.vectors.length).toBeGreaterThan(0);
    for (const t of v.vectors) {
      const point = p256Group.hashToElement(utf8(t.msg), utf8(v.dst));
      // Compressed encoding: 02/03 by the parity of y, then x.
      const y = BigInt(t.P.y);
      const expected = (y & 1n ? '03' : '02') + t.P.x.slice(2);
      expect(toHex(p256Group.encode(point)), `msg ${JSON.stringify(t.msg).slice(0, 20)}`).toBe(expected);
    }
  });
});

describe('P-256 strict decoding', () => {
  const G = p256Group;
  const code = (hex: string) => {
    try {
      G.decode(fromHex(hex));
      return 'accepted';
    } catch (e) {
      return (e as DecodeError).code;
    }
  };
  const g = toHex(G.encode(G.generator));

  it('accepts only canonical compressed points', () => {
    expect(code(g)).toBe('accepted');
    expect(code('04' + g.slice(2))).toBe('NON_CANONICAL');
    // x = p (non-canonical) and x = 2^256 - 1
    expect(code('02ffffffff00000001000000000000000000000000ffffffffffffffffffffffff')).toBe('NON_CANONICAL');
    expect(code('02' + 'ff'.repeat(32))).toBe('NON_CANONICAL');
    // x = 0 is a point of P-256 (b is a square): a valid encoding, distinct from the identity.
    expect(code('02' + '00'.repeat(32))).toBe('accepted');
    expect(G.isIdentity(G.decode(fromHex('02' + '00'.repeat(32))))).toBe(false);
    expect(code('00'.repeat(33))).toBe('IDENTITY');
  });

  it('rejects an x that is not on the curve', () => {
    // Find an x with no point: x = 1, 2, 3 ... until decoding fails for both prefixes.
    let found = false;
    for (let x = 1; x < 50 && !found; x++) {
      const hex = '02' + x.toString(16).padStart(64, '0');
      if (code(hex) === 'NOT_ON_CURVE') found = true;
    }
    expect(found).toBe(true);
  });
});

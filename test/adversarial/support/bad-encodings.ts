/**
 * Malformed encodings of group elements and scalars, one of each kind the strict decoders must
 * refuse (docs/crypto.md §2): wrong lengths, non-canonical encodings, points off the curve or
 * off the group, the identity, and scalars at or above the group order. Each is found by search
 * and checked to be refused for exactly its reason, so the tables cannot go stale silently.
 */
import { bigIntToBytesBE, bigIntToBytesLE, DecodeError, type DecodeErrorCode, type Group } from '@ostraka/crypto';

export interface BadEncoding {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The DecodeError code the strict decoder gives. */
  readonly code: DecodeErrorCode;
}

function decodeCode(decode: () => unknown): DecodeErrorCode | 'ACCEPTED' {
  try {
    decode();
    return 'ACCEPTED';
  } catch (e) {
    if (e instanceof DecodeError) return e.code;
    throw e;
  }
}

/** The first candidate (by counter) that the decoder refuses with `code`. */
function search(G: Group<unknown>, code: DecodeErrorCode, candidate: (i: number) => Uint8Array): Uint8Array {
  for (let i = 1; i < 10_000; i++) {
    const bytes = candidate(i);
    if (decodeCode(() => G.decode(bytes)) === code) return bytes;
  }
  throw new Error(`no ${code} candidate found for ${G.name}`);
}

const P25519 = 2n ** 255n - 19n;
const P256 = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;

export function badElements(G: Group<unknown>): BadEncoding[] {
  const L = G.elementLength;
  const valid = G.encode(G.generator);
  const list: BadEncoding[] = [
    { name: 'empty', bytes: new Uint8Array(0), code: 'WRONG_LENGTH' },
    { name: 'one byte short', bytes: valid.slice(0, L - 1), code: 'WRONG_LENGTH' },
    { name: 'one byte long', bytes: new Uint8Array([...valid, 0]), code: 'WRONG_LENGTH' },
  ];
  if (G.name === 'ristretto255') {
    list.push(
      { name: 'field element ≥ p (s = p + 1, even)', bytes: bigIntToBytesLE(P25519 + 1n, 32), code: 'NON_CANONICAL' },
      { name: 'negative field element (odd s)', bytes: (() => { const b = valid.slice(); b[0] |= 1; return b; })(), code: 'NON_CANONICAL' },
      { name: 'top bit set', bytes: (() => { const b = valid.slice(); b[31] |= 0x80; return b; })(), code: 'NON_CANONICAL' },
      { name: 'not a ristretto255 encoding', bytes: search(G, 'NOT_IN_GROUP', (i) => bigIntToBytesLE(BigInt(2 * i), 32)), code: 'NOT_IN_GROUP' },
      { name: 'the identity (all zero)', bytes: new Uint8Array(32), code: 'IDENTITY' },
    );
  } else {
    list.push(
      { name: 'uncompressed prefix 04', bytes: new Uint8Array([4, ...valid.slice(1)]), code: 'NON_CANONICAL' },
      { name: 'the identity (33 zero bytes, its hash-input form)', bytes: new Uint8Array(33), code: 'IDENTITY' },
      { name: 'prefix 00 with a valid x', bytes: new Uint8Array([0, ...valid.slice(1)]), code: 'NON_CANONICAL' },
      { name: 'x ≥ p', bytes: new Uint8Array([2, ...bigIntToBytesBE(P256 + 1n, 32)]), code: 'NON_CANONICAL' },
      { name: 'x of no curve point', bytes: search(G, 'NOT_ON_CURVE', (i) => new Uint8Array([2, ...bigIntToBytesBE(BigInt(i), 32)])), code: 'NOT_ON_CURVE' },
    );
  }
  for (const b of list) {
    const code = decodeCode(() => G.decode(b.bytes));
    if (code !== b.code) throw new Error(`${G.name} bad element "${b.name}": expected ${b.code}, the decoder says ${code}`);
  }
  return list;
}

export function badScalars(G: Group<unknown>): BadEncoding[] {
  const n = G.scalarLength;
  const enc = (x: bigint) => (G.name === 'ristretto255' ? bigIntToBytesLE(x, n) : bigIntToBytesBE(x, n));
  const list: BadEncoding[] = [
    { name: 'the order q', bytes: enc(G.order), code: 'SCALAR_OUT_OF_RANGE' },
    { name: 'q + 1', bytes: enc(G.order + 1n), code: 'SCALAR_OUT_OF_RANGE' },
    { name: '2^256 − 1', bytes: new Uint8Array(n).fill(0xff), code: 'SCALAR_OUT_OF_RANGE' },
    { name: 'one byte short', bytes: new Uint8Array(n - 1).fill(1), code: 'WRONG_LENGTH' },
  ];
  for (const b of list) {
    const code = decodeCode(() => G.scalars.decode(b.bytes));
    if (code !== b.code) throw new Error(`${G.name} bad scalar "${b.name}": expected ${b.code}, the decoder says ${code}`);
  }
  return list;
}

/** `bytes` with the element at byte offset `at` (of `L` bytes) replaced by `element` (any length). */
export function spliceBytes(bytes: Uint8Array, at: number, length: number, replacement: Uint8Array): Uint8Array {
  return new Uint8Array([...bytes.subarray(0, at), ...replacement, ...bytes.subarray(at + length)]);
}

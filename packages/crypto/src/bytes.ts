import { DecodeError } from './errors.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Equality without an early exit, so that comparing a secret-derived value leaks no prefix length. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const HEX = '0123456789abcdef';

/** Lower-case hex, the only hex form ostraka emits. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return s;
}

/**
 * Strict hex decoding: lower-case only, even length, and (when given) an exact byte length.
 * Upper case is refused so that every value has exactly one textual form.
 */
export function fromHex(hex: string, field = 'hex', length?: number): Uint8Array {
  if (typeof hex !== 'string') throw new DecodeError('WRONG_TYPE', field, 'expected a hex string');
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex))
    throw new DecodeError('BAD_HEX', field, 'expected lower-case hex of even length');
  if (length !== undefined && hex.length !== 2 * length)
    throw new DecodeError('WRONG_LENGTH', field, `expected ${length} bytes, got ${hex.length / 2}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/** 4-byte big-endian encoding of an unsigned integer below 2^32. */
export function u32be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32be: ${n} is not a u32`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, false);
  return out;
}

/** 8-byte big-endian encoding of an unsigned integer below 2^53. */
export function u64be(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`u64be: ${n} is not a safe unsigned integer`);
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(n / 2 ** 32), false);
  view.setUint32(4, n >>> 0, false);
  return out;
}

/** Checks that `value` is a Uint8Array of the given length; names the field on failure. */
export function checkBytes(value: unknown, field: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new DecodeError('WRONG_TYPE', field, 'expected bytes');
  if (length !== undefined && value.length !== length)
    throw new DecodeError('WRONG_LENGTH', field, `expected ${length} bytes, got ${value.length}`);
  return value;
}

export function bytesToBigIntBE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = 0; i < bytes.length; i++) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

export function bytesToBigIntLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

export function bigIntToBytesBE(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  if (n !== 0n) throw new RangeError(`integer does not fit in ${length} bytes`);
  return out;
}

export function bigIntToBytesLE(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  if (n !== 0n) throw new RangeError(`integer does not fit in ${length} bytes`);
  return out;
}

/** Byte strings: the big-endian integers and concatenations that every hash input of the documents is made of. */

export function u32be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

export function u64be(n: number | bigint): Uint8Array {
  const v = BigInt(n);
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`u64 out of range: ${n}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v);
  return out;
}

export function u16be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 8) & 0xff, n & 0xff]);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
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

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const encoder = new TextEncoder();
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** `u32be(len(x)) ‖ x`: the frame of docs/crypto.md §8.4 and §8.9. */
export function frame(x: Uint8Array): Uint8Array {
  return concat(u32be(x.length), x);
}

/** `u32be(len(utf8(domain))) ‖ utf8(domain) ‖ m`: docs/crypto.md §7.4, docs/transcript.md §1. */
export function domainFrame(domain: string, message: Uint8Array): Uint8Array {
  return concat(frame(utf8(domain)), message);
}

/** Big-endian unsigned integer of a byte string. */
export function bytesToBigintBE(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt('0x' + hex);
}

export function bytesToBigintLE(bytes: Uint8Array): bigint {
  return bytesToBigintBE(Uint8Array.from(bytes).reverse());
}

export function bigintToBytesBE(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new RangeError('integer too large for its encoding');
  return out;
}

export function bigintToBytesLE(value: bigint, length: number): Uint8Array {
  return bigintToBytesBE(value, length).reverse();
}

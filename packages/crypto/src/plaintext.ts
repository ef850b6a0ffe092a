import { DecodeError } from './errors.js';
import type { Group } from './group/group.js';

/** Bytes of framing in an embedded plaintext: a u16 big-endian length. */
const LENGTH_PREFIX = 2;

/** The number of plaintext bytes that `width` elements carry. */
export function plaintextCapacity(group: Group<unknown>, width: number): number {
  return width * group.embeddingCapacity - LENGTH_PREFIX;
}

/** The smallest width whose capacity holds `length` bytes. */
export function widthFor(group: Group<unknown>, length: number): number {
  return Math.max(1, Math.ceil((length + LENGTH_PREFIX) / group.embeddingCapacity));
}

/**
 * Embeds a plaintext into `width` elements: u16be(length) ‖ bytes ‖ zero padding, cut into
 * chunks of `embeddingCapacity` bytes, each embedded by the group (docs/crypto.md §Plaintexts).
 */
export function encodePlaintext<E>(group: Group<E>, plaintext: Uint8Array, width: number): E[] {
  const capacity = plaintextCapacity(group, width);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
  if (plaintext.length > capacity || plaintext.length > 0xffff)
    throw new RangeError(`plaintext of ${plaintext.length} bytes exceeds the capacity ${capacity} of width ${width}`);
  const framed = new Uint8Array(width * group.embeddingCapacity);
  framed[0] = plaintext.length >> 8;
  framed[1] = plaintext.length & 0xff;
  framed.set(plaintext, LENGTH_PREFIX);
  const out: E[] = [];
  for (let j = 0; j < width; j++) {
    const start = j * group.embeddingCapacity;
    out.push(group.embed(framed.subarray(start, start + group.embeddingCapacity)));
  }
  return out;
}

/**
 * Inverse of encodePlaintext. Strict: a length beyond the capacity or non-zero padding is a
 * DecodeError (BAD_EMBEDDING), which an election counts as an invalid ballot.
 */
export function decodePlaintext<E>(group: Group<E>, elements: readonly E[], field = 'plaintext'): Uint8Array {
  const framed = new Uint8Array(elements.length * group.embeddingCapacity);
  elements.forEach((e, j) => framed.set(group.extract(e, `${field}[${j}]`), j * group.embeddingCapacity));
  const length = (framed[0] << 8) | framed[1];
  if (length > framed.length - LENGTH_PREFIX)
    throw new DecodeError('BAD_EMBEDDING', field, `length ${length} exceeds the capacity`);
  for (let i = LENGTH_PREFIX + length; i < framed.length; i++)
    if (framed[i] !== 0) throw new DecodeError('BAD_EMBEDDING', field, 'non-zero padding');
  return framed.slice(LENGTH_PREFIX, LENGTH_PREFIX + length);
}

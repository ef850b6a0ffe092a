/**
 * Hex as every ostraka document writes bytes: lower case, even length (docs/transcript.md §1).
 * Upper case or odd length is refused, never normalised.
 */

const HEX = /^(?:[0-9a-f]{2})*$/;

export function isHex(value: unknown, bytes?: number): value is string {
  return typeof value === 'string' && HEX.test(value) && (bytes === undefined || value.length === 2 * bytes);
}

/** The bytes of a strict hex string, or null if it is not one (of `bytes` bytes when given). */
export function parseHex(value: unknown, bytes?: number): Uint8Array | null {
  if (!isHex(value, bytes)) return null;
  return Uint8Array.from(Buffer.from(value, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

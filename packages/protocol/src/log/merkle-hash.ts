import { sha256 } from '@noble/hashes/sha2.js';

/** Every hash in the log is SHA-256 (RFC 9162 §2.1 with the SHA-256 hash algorithm). */
export const HASH_LENGTH = 32;

/** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** `SHA-256(0x00 ‖ data)`: the leaf prefix keeps a leaf from ever being read as an inner node. */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

/** `SHA-256(0x01 ‖ left ‖ right)`, the inner-node hash of RFC 9162 §2.1.1. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + 2 * HASH_LENGTH);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + HASH_LENGTH);
  return sha256(input);
}

/** True when `value` is a 32-byte hash. Verification refuses any other length (stricter than the RFC text). */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_LENGTH;
}

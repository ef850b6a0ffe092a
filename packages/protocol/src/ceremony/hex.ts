import { z } from 'zod';

/** Lower-case hex of exactly `n` bytes. */
export const hexOfLength = (n: number) =>
  z.string().refine((s) => s.length === 2 * n && /^[0-9a-f]*$/.test(s), `expected ${n} bytes of lower-case hex`);

/** Lower-case hex of any even length (packed lists; their length is checked against a count). */
export const packedHex = z.string().refine((s) => s.length % 2 === 0 && /^[0-9a-f]*$/.test(s), 'expected lower-case hex of even length');

/** A trustee index, 1-based. */
export const trusteeIndex = z.int().min(1).max(255);

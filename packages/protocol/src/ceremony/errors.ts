import { DecodeError } from '@ostraka/crypto';
import type { z } from 'zod';

/**
 * A ceremony or decryption file that is malformed or does not belong where it is used (another
 * election, another trustee, another group). `field` is the JSON path of the offending value,
 * e.g. `payload.shares[2].ephemeral`, so that a tool can say which file and which field.
 */
export class InvalidFileError extends Error {
  override readonly name = 'InvalidFileError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}

/** `a.b[2].c` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** Parses with a zod schema; the first issue becomes an InvalidFileError naming its field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = fieldPath([...(prefix ? [prefix] : []), ...issue.path]);
  return fail(path, issue.message);
}

function fail(field: string, reason: string): never {
  throw new InvalidFileError(field, reason);
}

/** Runs a strict decoder of the core; its DecodeError becomes an InvalidFileError on the same field. */
export function decodeField<T>(decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (e instanceof DecodeError) throw new InvalidFileError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
}

/** Asserts that a file belongs to the expected election / trustee / list. */
export function expectField<T>(field: string, actual: T, expected: T, what: string): void {
  if (actual !== expected) fail(field, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * Canonical JSON (docs/transcript.md §1): RFC 8785 restricted to null, booleans, strings, safe
 * integers, arrays and objects; keys sorted by UTF-16 code units; no whitespace; strings escaped
 * as JSON.stringify escapes them; nesting depth at most 32.
 *
 * `canonicalJson` returns null for a value outside that set (a float, an unsafe integer, too deep),
 * so that a caller can report the transcript as invalid rather than throw.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_DEPTH = 32;

export function canonicalJson(value: unknown): string | null {
  const parts: string[] = [];
  return write(value, 0, parts) ? parts.join('') : null;
}

function write(value: unknown, depth: number, out: string[]): boolean {
  if (value === null) out.push('null');
  else if (value === true) out.push('true');
  else if (value === false) out.push('false');
  else if (typeof value === 'string') out.push(JSON.stringify(value));
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return false;
    out.push(Object.is(value, -0) ? '0' : String(value));
  } else if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return false;
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (!write(value[i], depth + 1, out)) return false;
    }
    out.push(']');
  } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    if (depth >= MAX_DEPTH) return false;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(keys[i]), ':');
      if (!write(record[keys[i]], depth + 1, out)) return false;
    }
    out.push('}');
  } else return false;
  return true;
}

/** Parses JSON text; null when it is not JSON (the caller reports where). */
export function parseJson(text: string): { value: Json } | null {
  try {
    return { value: JSON.parse(text) as Json };
  } catch {
    return null;
  }
}

/** Parses a text that must be exactly the canonical JSON of its value. */
export function parseCanonical(text: string): { value: Json } | { error: string } {
  const parsed = parseJson(text);
  if (!parsed) return { error: 'not JSON' };
  const again = canonicalJson(parsed.value);
  if (again === null) return { error: 'not canonical JSON (a float, an unsafe integer or nesting deeper than 32)' };
  if (again !== text) return { error: 'not in canonical JSON form (key order, whitespace, escapes or duplicate keys)' };
  return { value: parsed.value };
}

export function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

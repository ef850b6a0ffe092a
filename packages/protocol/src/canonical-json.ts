import { utf8 } from '@ostraka/crypto';

/** A JSON value that ostraka signs or hashes: no floats, no undefined, no duplicate keys. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Canonical JSON (RFC 8785, JCS, restricted to safe integers): object keys sorted by UTF-16
 * code units, no whitespace, strings escaped as JSON.stringify does. Every signed or hashed
 * JSON payload is these bytes, so a signature never depends on formatting.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`canonical JSON allows only safe integers, got ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const v = value[key];
      if (v === undefined) throw new TypeError(`canonical JSON: undefined value at key "${key}"`);
      parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`canonical JSON: unsupported value of type ${typeof value}`);
}

export function canonicalJsonBytes(value: Json): Uint8Array {
  return utf8(canonicalJson(value));
}

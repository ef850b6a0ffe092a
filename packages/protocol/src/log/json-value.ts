import type { Json } from '../canonical-json.js';

/** Deepest nesting accepted in a payload: bounds recursion in every consumer (canonicalisation, storage, the verifier). */
export const MAX_JSON_DEPTH = 32;

/**
 * True when `value` is JSON that canonical JSON can encode: null, booleans, strings, safe
 * integers, arrays and plain objects, nested at most `MAX_JSON_DEPTH` deep. Floats are refused
 * because two JSON libraries may print the same float differently, and a signature must not
 * depend on that.
 */
export function isCanonicalJsonValue(value: unknown, depth = 0): value is Json {
  if (depth > MAX_JSON_DEPTH) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every((v) => isCanonicalJsonValue(v, depth + 1));
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
    for (const v of Object.values(value as Record<string, unknown>)) if (!isCanonicalJsonValue(v, depth + 1)) return false;
    return true;
  }
  return false;
}

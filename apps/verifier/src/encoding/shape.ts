/** Small checks of JSON shapes, each returning the problem as text (null when the shape is right). */
import { isRecord, type Json } from './canonical-json.js';

/** Exactly the `required` fields, plus any of `optional`; unknown fields are refused. */
export function fieldsProblem(value: Json | undefined, required: readonly string[], optional: readonly string[] = []): string | null {
  if (!isRecord(value)) return 'not a JSON object';
  for (const key of required) if (!(key in value)) return `missing field ${key}`;
  for (const key of Object.keys(value)) if (!required.includes(key) && !optional.includes(key)) return `unknown field ${key}`;
  return null;
}

export function isInteger(value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** A string of `min`..`max` characters (UTF-16 code units, as JavaScript counts them). */
export function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

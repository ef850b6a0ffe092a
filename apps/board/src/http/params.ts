import { z } from 'zod';
import { hash32, keyIdSchema } from '@ostraka/protocol/log';
import { BoardError } from '../errors.js';

/** Strict parsing of path and query parameters: canonical decimal, lower-case hex. Failures are 400s. */
const decimal = /^(0|[1-9][0-9]{0,15})$/;

export function uint(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new BoardError(400, 'INVALID_REQUEST', `${name} is required`);
  }
  if (!decimal.test(value) || !Number.isSafeInteger(Number(value)))
    throw new BoardError(400, 'INVALID_REQUEST', `${name} must be a non-negative integer in canonical decimal form`);
  return Number(value);
}

export function positive(value: string | undefined, name: string): number {
  const n = uint(value, name);
  if (n < 1) throw new BoardError(400, 'INVALID_REQUEST', `${name} must be at least 1`);
  return n;
}

function matching<T>(schema: z.ZodType<T>, value: string | undefined, name: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new BoardError(400, 'INVALID_REQUEST', `${name}: ${r.error.issues[0].message}`);
  return r.data;
}

export const peerIdParam = (v: string | undefined) => matching(keyIdSchema, v, 'peer_id');
export const hashParam = (v: string | undefined, name: string) => matching(hash32, v, name);

/** `limit` query parameter, defaulting to and capped by the page limit. */
export function pageLimit(value: string | undefined, max: number): number {
  const n = uint(value, 'limit', max);
  if (n < 1) throw new BoardError(400, 'INVALID_REQUEST', 'limit must be at least 1');
  return Math.min(n, max);
}

/** The write's payload field must equal the path parameter it duplicates. */
export function samePath(field: string, fromPayload: unknown, fromPath: unknown): void {
  if (fromPayload !== fromPath) throw new BoardError(400, 'INVALID_REQUEST', `payload.${field} does not match the path`);
}

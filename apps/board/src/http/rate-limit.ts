import type { MiddlewareHandler } from 'hono';
import { BoardError } from '../errors.js';

/**
 * A token bucket per client address: `perSecond` requests sustained, `burst` at once. Idle
 * buckets are dropped, so memory stays bounded by the addresses seen in the last minute.
 */
export function rateLimit(perSecond: number, burst: number, address: (c: Parameters<MiddlewareHandler>[0]) => string): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = Date.now();
  return async (c, next) => {
    if (perSecond <= 0) return next();
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
      lastSweep = now;
    }
    const key = address(c);
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) {
      c.header('Retry-After', String(Math.max(1, Math.ceil((1 - b.tokens) / perSecond))));
      throw new BoardError(429, 'RATE_LIMITED', `more than ${perSecond} requests per second from this address`);
    }
    b.tokens -= 1;
    return next();
  };
}

import { BoardHttpError } from '@ostraka/board/client';

/**
 * Failures worth retrying: the board is unreachable (restarting, network blip), busy (429), or
 * shutting down or briefly unable to store (503, and gateway errors in front of it). A 4xx is an
 * answer, never retried; a 500 is a board bug, not retried either.
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof BoardHttpError) return e.status === 429 || e.status === 502 || e.status === 503 || e.status === 504;
  // fetch rejects with a TypeError ("fetch failed") whose cause is the socket error.
  return e instanceof TypeError;
}

export interface RetryPolicy {
  /** Give up once this many milliseconds have passed since the first attempt. */
  readonly patienceMs: number;
  /** Told about each transient failure before the next attempt (a status line). */
  readonly onRetry?: (e: unknown, attempt: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `attempt` until it succeeds, retrying transient failures with exponential backoff (0.25 s … 5 s). */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const started = Date.now();
  let delay = 250;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isTransient(e) || Date.now() - started + delay > policy.patienceMs) throw e;
      policy.onRetry?.(e, n);
      await sleep(delay);
      delay = Math.min(5000, delay * 2);
    }
  }
}

/** A short description of a transport or HTTP failure, for messages. */
export function describeFailure(e: unknown): string {
  if (e instanceof BoardHttpError) return e.message;
  if (e instanceof TypeError) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return `board unreachable (${cause?.code ?? cause?.message ?? e.message})`;
  }
  return (e as Error)?.message ?? String(e);
}

/**
 * Sign-in attempts, limited per username and per client address with token buckets: a burst of
 * attempts, then one more every `refillMs`. Both limits apply, so neither one address trying many
 * accounts nor many addresses trying one account get more than a few guesses a minute. Addresses
 * get twice the burst (administrators may share an office address). A refused attempt checks no
 * password and reveals nothing. The buckets live in memory (a restart resets them); idle ones are
 * dropped.
 */
export interface SignInLimits {
  /** Attempts per username before waiting. */
  readonly burst: number;
  /** One more attempt per this many milliseconds. */
  readonly refillMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { burst: 5, refillMs: 60_000 };

interface Bucket {
  tokens: number;
  at: number;
}

export class SignInLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  private bucket(key: string, burst: number, now: number): Bucket {
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (now - b.at) / this.limits.refillMs);
    b.at = now;
    this.buckets.set(key, b);
    return b;
  }

  /** Takes one attempt from both buckets; returns 0 if the attempt may proceed, or the seconds to wait. */
  attempt(address: string, username: string): number {
    const now = this.clock();
    if (this.buckets.size > 10_000) this.sweep(now);
    const user = this.bucket(`u:${username.toLowerCase()}`, this.limits.burst, now);
    const addr = this.bucket(`a:${address}`, 2 * this.limits.burst, now);
    if (user.tokens < 1 || addr.tokens < 1) {
      const missing = Math.max(1 - user.tokens, 1 - addr.tokens);
      return Math.max(1, Math.ceil((missing * this.limits.refillMs) / 1000));
    }
    user.tokens -= 1;
    addr.tokens -= 1;
    return 0;
  }

  /** A successful sign-in gives the username its burst back (not the address). */
  succeeded(username: string): void {
    this.buckets.delete(`u:${username.toLowerCase()}`);
  }

  private sweep(now: number): void {
    const full = 2 * this.limits.burst * this.limits.refillMs;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}

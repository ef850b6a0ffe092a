/** The trustee tool SIGKILLed while writing, 30 kills over a larger list (`npm run test:slow`): support/trustee-crash.ts. */
import { describe } from 'vitest';
import { trusteeCrashSuite } from './support/trustee-crash.js';

describe('a trustee tool killed while writing (long)', () => {
  trusteeCrashSuite({ ballots: 400, kills: 30, timeoutMs: 3_600_000 });
});

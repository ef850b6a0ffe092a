/** Mix servers SIGKILLed at random instants, 12 kills each over a larger round (`npm run test:slow`): support/mix-crash.ts. */
import { describe } from 'vitest';
import { mixCrashSuite } from './support/mix-crash.js';

describe('mix servers killed mid-round (long)', () => {
  mixCrashSuite({ ballots: 300, killsPerServer: 12, maxDelayMs: 2000, timeoutMs: 3_600_000 });
});

/**
 * Mix servers SIGKILLed at random instants and restarted, election level, short version for CI
 * (the long run is slow-crash-mix-election). What must hold: support/mix-crash.ts.
 */
import { describe } from 'vitest';
import { mixCrashSuite } from './support/mix-crash.js';

describe('mix servers killed mid-round', () => {
  mixCrashSuite({ ballots: 30, killsPerServer: 3, maxDelayMs: 600 });
});

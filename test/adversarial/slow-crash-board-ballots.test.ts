/** The board SIGKILLed during concurrent ballot casting, 25 random instants (`npm run test:slow`): support/board-crash.ts. */
import { describe } from 'vitest';
import { boardCrashSuite } from './support/board-crash.js';

describe('board crashes during voting (long)', () => {
  boardCrashSuite({ rounds: 25, ballotsPerRound: 60, concurrency: 32, timeoutMs: 3_600_000 });
});

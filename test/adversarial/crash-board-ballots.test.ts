/**
 * The board SIGKILLed during concurrent ballot casting at random instants, short version for CI
 * (the long run is slow-crash-board-ballots). What must hold: support/board-crash.ts.
 */
import { describe } from 'vitest';
import { boardCrashSuite } from './support/board-crash.js';

describe('board crashes during voting', () => {
  boardCrashSuite({ rounds: 3, ballotsPerRound: 40, concurrency: 16 });
});

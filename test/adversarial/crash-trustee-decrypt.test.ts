/**
 * The trustee tool SIGKILLed while writing its partial decryptions, short version for CI (the long
 * run is slow-crash-trustee-decrypt). What must hold: support/trustee-crash.ts.
 */
import { describe } from 'vitest';
import { trusteeCrashSuite } from './support/trustee-crash.js';

describe('a trustee tool killed while writing', () => {
  trusteeCrashSuite({ ballots: 40, kills: 4 });
});

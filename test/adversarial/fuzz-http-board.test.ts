/**
 * HTTP fuzzing of a real `ostraka board serve` process, short version for CI (the long run is
 * slow-fuzz-http-board.test.ts). What is fuzzed and what must hold: support/http-fuzz.ts.
 */
import { httpFuzzSuite } from './support/http-fuzz.js';

httpFuzzSuite({ json: 60, signed: 60, bytes: 60, reads: 150 });

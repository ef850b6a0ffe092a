/**
 * HTTP fuzzing of a real `ostraka board serve` process, long version (`npm run test:slow`);
 * the CI suite runs the same properties with fewer runs (fuzz-http-board.test.ts).
 */
import { httpFuzzSuite } from './support/http-fuzz.js';

httpFuzzSuite({ json: 2000, signed: 1500, bytes: 2000, reads: 5000 });

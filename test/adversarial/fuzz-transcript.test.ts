/**
 * The transcript reader and verifier fuzzed with damaged transcripts, short version for CI (the
 * long run is slow-fuzz-transcript). What must hold: support/transcript-fuzz.ts.
 */
import { transcriptFuzzSuite } from './support/transcript-fuzz.js';

transcriptFuzzSuite(60, 4);

/** The transcript reader and verifier fuzzed, long version (`npm run test:slow`): support/transcript-fuzz.ts. */
import { transcriptFuzzSuite } from './support/transcript-fuzz.js';

transcriptFuzzSuite(3000, 60);

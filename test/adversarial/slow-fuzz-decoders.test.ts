/** Decoders and file readers fuzzed, long version (`npm run test:slow`): support/decoder-fuzz.ts. */
import { decoderFuzzSuite } from './support/decoder-fuzz.js';

decoderFuzzSuite(20_000, 300);

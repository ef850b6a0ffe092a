/**
 * Decoders and file readers fuzzed, short version for CI; the long run is slow-fuzz-decoders.
 * What is fuzzed and what must hold: support/decoder-fuzz.ts.
 */
import { decoderFuzzSuite } from './support/decoder-fuzz.js';

decoderFuzzSuite(300, 12);

/**
 * ostraka-verify as a library: read a transcript (a directory or a board), verify it, get a report.
 */
export { verifyTranscript, type Report, type PhaseReport, type VerifyOptions } from './verify.js';
export { readTranscriptDirectory } from './source/read-directory.js';
export { downloadTranscript } from './source/download.js';
export { UnreadableLocation, type RawTranscript } from './source/raw-transcript.js';
export { VerifierPool } from './pool.js';
export { main } from './cli.js';

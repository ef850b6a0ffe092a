/**
 * @ostraka/shuffle: the Wikström–Terelius verifiable shuffle of ElGamal ciphertext vectors
 * (docs/crypto.md §9). Single-threaded, pure and browser-safe here; `@ostraka/shuffle/pool`
 * runs the same protocol across all cores.
 */
export { shuffle, shuffleAndProve, type ShuffleOptions, type ShuffleOutput } from './shuffle.js';
export { proveShuffle } from './prove.js';
export { verifyShuffle, type ShuffleVerdict } from './verify.js';
export { type ShuffleSecret } from './secret.js';
export { type ShuffleStatement, MAX_WIDTH } from './statement.js';
export { proofLayout, PROOF_VERSION, GROUP_IDS, type ProofLayout } from './proof-layout.js';

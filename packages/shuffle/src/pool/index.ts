/** `@ostraka/shuffle/pool`: the shuffle, prover and verifier across all cores (Node.js worker threads). */
export { createShufflePool, type PoolCallOptions, type ShufflePool, type ShufflePoolOptions, type ShuffleProgress } from './pool.js';
